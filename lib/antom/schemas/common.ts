// Building blocks shared by every Antom message. Requests are checked strictly before anything is
// sent (limits from the seeds); responses are read leniently where the seed samples themselves vary
// (amounts as numbers or strings, status words in any case) and strictly where it matters for money.
import { z } from 'zod';
import { MAX_MINOR_VALUE } from '../../money';

/** Antom's ids: at most 64 characters (every seed). */
export const antomIdSchema = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/**
 * Ids the seeds restrict to letters, digits and underscores (inquiryPayment's paymentRequestId;
 * online inquiryRefund says "special characters are not supported" for refundRequestId).
 */
export const safeIdSchema = antomIdSchema.regex(/^[A-Za-z0-9_]+$/, 'may contain only letters, digits and underscores');

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in upper case');

export const minorValueSchema = z
  .number()
  .int('must be an integer number of minor units')
  .min(0, 'must not be negative')
  .max(MAX_MINOR_VALUE, `must be at most ${MAX_MINOR_VALUE}`);

/** An amount we send, given as minor units (a number, or a string of digits). */
const outgoingAmountSchema = z.object({
  value: z.union([
    minorValueSchema,
    z
      .string()
      .regex(/^\d{1,10}$/, 'must be digits')
      .transform(Number)
      .pipe(minorValueSchema),
  ]),
  currency: currencySchema,
});

/**
 * An amount we send to a /v1 (online) API. The online docs ask for every field as a string ("20"
 * for 20), so the value goes out as a string of minor units.
 */
export const requestAmountSchema = outgoingAmountSchema.transform(({ value, currency }) => ({
  value: String(value),
  currency,
}));

/**
 * An amount we send to a /v2 (in-store) API: seed 001's table types Amount.value as Integer
 * (0-2147483647), so the value goes out as a JSON number of minor units (whatever its samples print).
 */
export const inStoreRequestAmountSchema = outgoingAmountSchema.transform(({ value, currency }) => ({
  value: Number(value),
  currency,
}));

/** An amount Antom sends: value as a number or a string of digits (the samples use both). */
export const responseAmountSchema = z.object({
  value: z.union([
    minorValueSchema,
    z
      .string()
      .trim()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .pipe(minorValueSchema),
  ]),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase()),
});
export type ResponseAmount = z.output<typeof responseAmountSchema>;

/** Case-insensitive enum: "Success" and "SUCCESS" are the same word (004's sample vs its table). */
export function wordSchema<const T extends readonly [string, ...string[]]>(words: T) {
  return z
    .string()
    .trim()
    .transform((w) => w.toUpperCase())
    .pipe(z.enum(words));
}

export const resultStatusSchema = wordSchema(['S', 'F', 'U']);
export type ResultStatus = z.output<typeof resultStatusSchema>;

export const resultSchema = z.object({
  resultStatus: resultStatusSchema,
  // The seeds cap code at 64 and message at 256; we do not reject a longer one from Antom, since an
  // unreadable answer would only turn a definite result into an unknown one.
  resultCode: z.string().trim().nullish(),
  resultMessage: z.string().nullish(),
});
export type AntomResult = z.output<typeof resultSchema>;

/** Every Antom answer has at least this; the rest is read once we know the call went through. */
export const envelopeSchema = z.object({ result: resultSchema });

/** ISO 8601 date-time as Antom writes it ("2019-11-27T12:01:01+08:00", "2026-04-10T03:04:44Z"). */
export const antomTimeSchema = z
  .string()
  .trim()
  .refine((t) => /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t)), 'must be an ISO 8601 date-time');

export function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
