// /transactions?q=&status=&method=&channel=&currency=&from=&to=&min=&max=&after=|before=
import { parseMajor } from '@/lib/money';
import type { PaymentFilters } from '@/lib/payments/queries';
import { CHANNELS, PAYMENT_DISPLAY_STATUSES } from '@/lib/payments/states';
import { dateRange, one, pick, type SearchParams } from '../search-params';

export const TRANSACTION_FIELDS = ['status', 'method', 'channel', 'currency', 'from', 'to', 'min', 'max'] as const;
export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

export interface TransactionParams {
  /** An id to search for, trimmed (pasted ids bring spaces); when set, the filters do not apply. */
  q: string;
  /** What the form shows: exactly what was in the URL. */
  values: Record<TransactionField, string>;
  /** What the query uses: only the values that made sense. */
  filters: PaymentFilters;
  /** Per field, why its value was not applied. */
  errors: Partial<Record<TransactionField, string>>;
}

export function parseTransactionParams(params: SearchParams): TransactionParams {
  const values = Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, one(params, f)])) as Record<
    TransactionField,
    string
  >;
  const errors: TransactionParams['errors'] = {};
  const filters: PaymentFilters = {};

  const status = pick(values.status, PAYMENT_DISPLAY_STATUSES);
  if (values.status && !status) errors.status = 'Unknown status.';
  if (status) filters.status = status;
  const channel = pick(values.channel, CHANNELS);
  if (values.channel && !channel) errors.channel = 'Unknown channel.';
  if (channel) filters.channel = channel;
  if (values.method) {
    if (/^[A-Z0-9_]{1,64}$/.test(values.method)) filters.method = values.method;
    else errors.method = 'Unknown payment method.';
  }
  if (values.currency) {
    if (/^[A-Z]{3}$/.test(values.currency)) filters.currency = values.currency;
    else errors.currency = 'Choose a currency from the list.';
  }

  const range = dateRange(values.from, values.to);
  Object.assign(errors, range.errors);
  if (range.from) filters.from = range.from;
  if (range.to) filters.to = range.to;

  // Amounts are typed in major units ("12.50") and read by the chosen currency's decimals, so they
  // only mean something once a currency is chosen.
  if ((values.min || values.max) && !filters.currency) {
    errors.currency = 'Choose a currency to filter by amount.';
  } else if (filters.currency) {
    for (const field of ['min', 'max'] as const) {
      if (!values[field]) continue;
      const parsed = parseMajor(values[field], filters.currency);
      if (parsed.ok) filters[field === 'min' ? 'minAmount' : 'maxAmount'] = parsed.value;
      else errors[field] = parsed.error;
    }
    if (filters.minAmount !== undefined && filters.maxAmount !== undefined && filters.minAmount > filters.maxAmount) {
      errors.max = 'The maximum is below the minimum.';
      delete filters.maxAmount;
    }
  }
  return { q: one(params, 'q').trim(), values, filters, errors };
}
