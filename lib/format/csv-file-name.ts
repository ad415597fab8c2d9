// What an exported CSV is called: what it holds, so that a folder of downloads explains itself.
// "refunds_status-FAILED_2026-12-01..2026-12-03.csv": the list, each filter as name-value, then the
// days it covers (an open end is the day of the export); an export without a date range is named by
// the day it was made ("transactions_2026-12-03.csv").

/** The filter fields that are days (YYYY-MM-DD, the merchant's), named as the range, not as filters. */
const DAY_FIELDS = new Set(['from', 'to']);

/** Only what every file system and mail program keeps: letters, digits, '-' and '.'. */
function safe(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function csvFileName(list: string, filters: Record<string, string | undefined>, today: string): string {
  const parts = [list];
  for (const [field, value] of Object.entries(filters)) {
    if (!value || DAY_FIELDS.has(field)) continue;
    const shown = safe(value);
    if (shown) parts.push(`${safe(field)}-${shown}`);
  }
  const from = filters.from ? safe(filters.from) : '';
  const to = filters.to ? safe(filters.to) : '';
  parts.push(from || to ? `${from}..${to || today}` : today);
  return `${parts.join('_')}.csv`;
}
