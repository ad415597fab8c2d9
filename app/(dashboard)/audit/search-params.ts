// /audit?action=&actor=&from=&to=&after=|before=
import type { AuditFilters } from '@/lib/audit/queries';
import { dateRange, one, type SearchParams } from '../search-params';
import { isUuid } from '@/lib/ids';

export const AUDIT_FIELDS = ['action', 'actor', 'from', 'to'] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

export function parseAuditParams(params: SearchParams) {
  const values = Object.fromEntries(AUDIT_FIELDS.map((f) => [f, one(params, f)])) as Record<AuditField, string>;
  const errors: Partial<Record<AuditField, string>> = {};
  const filters: AuditFilters = {};
  if (values.action) {
    if (/^[a-z0-9_.]{1,64}$/i.test(values.action)) filters.action = values.action;
    else errors.action = 'Not an action name.';
  }
  if (values.actor) {
    if (values.actor === 'SYSTEM' || values.actor === 'ANTOM' || isUuid(values.actor)) filters.actor = values.actor;
    else errors.actor = 'Choose someone from the list.';
  }
  const range = dateRange(values.from, values.to);
  Object.assign(errors, range.errors);
  if (range.from) filters.from = range.from;
  if (range.to) filters.to = range.to;
  return { values, filters, errors };
}
