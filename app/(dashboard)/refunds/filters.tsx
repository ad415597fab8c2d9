import { GetForm } from '@/components/get-form';
import { DateRangeFields, FilterButtons, SelectField } from '@/components/form-controls';
import { REFUND_STATUS_WORDS, REFUND_STATUSES } from '@/lib/refunds/states';
import type { RefundParams } from './search-params';

export function RefundFiltersForm({
  params,
  users,
  codes,
  timeZone,
}: {
  params: RefundParams;
  users: { id: string; name: string; email: string; active: boolean }[];
  codes: string[];
  timeZone: string;
}) {
  const { values, errors } = params;
  return (
    <GetForm
      action="/refunds"
      label="Filter refunds"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:px-5"
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <SelectField
          id="status"
          name="status"
          label="Status"
          value={values.status}
          error={errors.status}
          className="col-span-2 sm:col-span-1"
          options={[
            { value: '', label: 'All (attention first)' },
            { value: 'ATTENTION', label: 'Needs attention only' },
            ...REFUND_STATUSES.map((s) => ({ value: s, label: REFUND_STATUS_WORDS[s].label })),
          ]}
        />
        <DateRangeFields values={values} errors={errors} fromLabel="From (requested)" toLabel="To (requested)" />
        <SelectField
          id="initiator"
          name="initiator"
          label="Requested by"
          value={values.initiator}
          error={errors.initiator}
          options={[
            { value: '', label: 'Anyone' },
            ...users.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)` })),
          ]}
        />
        <SelectField
          id="code"
          name="code"
          label="Result code"
          value={values.code}
          error={errors.code}
          options={[{ value: '', label: 'Any code' }, ...codes.map((c) => ({ value: c, label: c }))]}
        />
      </div>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-xs text-slate-500 sm:max-w-2xl">
          Needing attention: outcome unknown, not sent after a minute, processing for 30 minutes, or flagged (e.g.
          conflicting notifications). Dates are days in {timeZone}.
        </p>
        <FilterButtons clearHref="/refunds" className="flex shrink-0 gap-2" />
      </div>
    </GetForm>
  );
}
