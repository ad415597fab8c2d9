// The CSV formatting of lib/format/csv.ts, lib/format/date-time.ts (formatCsvTime, formatIsoLocal) and lib/money.ts
// (toMajorString) written as SQL expressions, so that PostgreSQL can build export lines itself: the
// export then moves one string per batch instead of thousands of rows through the driver. The
// output must stay byte-identical to the TypeScript functions; tests/integration/refunds/
// csv-export-identity.test.ts compares the two on awkward data.
import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { DEFAULT_EXPONENT, exponentExceptions, isCurrencyCode } from '../money';

/**
 * csvField: quoted when it holds a comma, a quote, CR or LF; quotes doubled inside. `text` must be a
 * plain column or a value computed once (it is read up to three times).
 */
export function csvFieldSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${text} ~ '[",\\r\\n]' THEN '"' || replace(${text}, '"', '""') || '"' ELSE ${text} END`;
}

/** neutraliseFormula: '' for null or empty; a quote before a leading = + - @ tab or CR. */
export function neutraliseFormulaSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${text} IS NULL THEN '' WHEN left(${text}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${text} ELSE ${text} END`;
}

/**
 * formatIsoLocal: "2026-11-22T14:05:09.123+08:00", the wall clock with its offset, in the session's
 * TimeZone: the caller sets it to the merchant's zone for the transaction (see withTimeZone).
 * `timestamp` is a timestamptz column (millisecond precision, as every one of ours is).
 */
export function isoLocalSql(timestamp: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM')`;
}

/**
 * formatCsvTime: "2026-11-22 14:05:09", the wall clock in the session's TimeZone (see setTimeZoneSql),
 * to the second (to_char truncates the milliseconds, as formatCsvTime does).
 */
export function csvTimeSql(timestamp: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${timestamp}, 'YYYY-MM-DD HH24:MI:SS')`;
}

/** The statement that sets the time zone isoLocalSql formats in, for the rest of the transaction. */
export function setTimeZoneSql(timeZone: string): Prisma.Sql {
  return Prisma.sql`SELECT set_config('TimeZone', ${timeZone}, true)`;
}

/** True when none of these texts needs quoting: then a line is its fields joined as they are. */
export function csvPlainSql(texts: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`concat(${Prisma.join(texts, ', ')}) !~ '[",\\r\\n]'`;
}

function majorOf(value: Prisma.Sql, exponent: number): Prisma.Sql {
  if (exponent === 0) return Prisma.sql`${value}::text`;
  const unit = Prisma.raw(String(10 ** exponent));
  return Prisma.sql`CASE WHEN ${value} < 0 THEN '-' ELSE '' END || (abs(${value}::bigint) / ${unit})::text || '.'
    || lpad((abs(${value}::bigint) % ${unit})::text, ${Prisma.raw(String(exponent))}, '0')`;
}

/** toMajorString: minor units to an exact decimal string by the currency's ISO 4217 exponent. */
export function majorStringSql(value: Prisma.Sql, currency: Prisma.Sql): Prisma.Sql {
  const byExponent = new Map<number, string[]>();
  for (const [code, exponent] of exponentExceptions()) {
    // Both go into the SQL text as literals: checked here, though they come from our own table.
    if (!isCurrencyCode(code) || !Number.isInteger(exponent) || exponent < 0 || exponent > 6)
      throw new RangeError(`Bad exponent entry ${code}: ${exponent}`);
    byExponent.set(exponent, [...(byExponent.get(exponent) ?? []), code]);
  }
  const cases = [...byExponent].map(
    ([exponent, codes]) =>
      Prisma.sql`WHEN ${currency} IN (${Prisma.raw(codes.map((c) => `'${c}'`).join(', '))}) THEN ${majorOf(value, exponent)}`,
  );
  return Prisma.sql`CASE ${Prisma.join(cases, ' ')} ELSE ${majorOf(value, DEFAULT_EXPONENT)} END`;
}
