// /refunds?status=&from=&to=&initiator=&code=&reason=&after=|before=  (also read by /refunds/export)
import type { RefundFilters } from '@/lib/refunds/read/list';
import { REFUND_STATUSES } from '@/lib/refunds/states';
import { dateRange, one, pick, type SearchParams } from '../search-params';
import { isUuid } from '@/lib/ids';
import { isRefundReasonCode } from '@/lib/refunds/reasons';

export const REFUND_FIELDS = ['status', 'from', 'to', 'initiator', 'code', 'reason'] as const;
export type RefundField = (typeof REFUND_FIELDS)[number];

export interface RefundParams {
  values: Record<RefundField, string>;
  filters: RefundFilters;
  errors: Partial<Record<RefundField, string>>;
}

export function parseRefundParams(params: SearchParams): RefundParams {
  const values = Object.fromEntries(REFUND_FIELDS.map((f) => [f, one(params, f)])) as Record<RefundField, string>;
  const errors: RefundParams['errors'] = {};
  const filters: RefundFilters = {};
  const status = pick(values.status, [...REFUND_STATUSES, 'ATTENTION'] as const);
  if (values.status && !status) errors.status = 'Unknown status.';
  if (status) filters.status = status;
  const range = dateRange(values.from, values.to);
  Object.assign(errors, range.errors);
  if (range.from) filters.from = range.from;
  if (range.to) filters.to = range.to;
  if (values.initiator) {
    if (isUuid(values.initiator)) filters.initiatorId = values.initiator;
    else errors.initiator = 'Choose a person from the list.';
  }
  if (values.code) {
    if (/^[A-Za-z0-9_ ]{1,64}$/.test(values.code)) filters.resultCode = values.code;
    else errors.code = 'Not a result code.';
  }
  if (values.reason) {
    if (isRefundReasonCode(values.reason)) filters.reasonCode = values.reason;
    else errors.reason = 'Unknown reason.';
  }
  return { values, filters, errors };
}
