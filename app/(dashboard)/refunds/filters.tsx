import { GetForm } from '@/components/get-form';
import { DateRangeFields, FILTER_CARD, FilterButtons, FilterSelect, personChoices } from '@/components/form-controls';
import { REFUND_REASON_CODES, REFUND_REASON_LABELS } from '@/lib/refunds/reasons';
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
    <GetForm action="/refunds" label="Filter refunds" className={FILTER_CARD}>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <FilterSelect
          field="status"
          form={params}
          label="Status"
          any="All (attention first)"
          className="col-span-2 sm:col-span-1"
          choices={[
            { value: 'ATTENTION', label: 'Needs attention only' },
            ...REFUND_STATUSES.map((s) => ({ value: s, label: REFUND_STATUS_WORDS[s].label })),
          ]}
        />
        <DateRangeFields values={values} errors={errors} fromLabel="From (requested)" toLabel="To (requested)" />
        <FilterSelect
          field="initiator"
          form={params}
          label="Requested by"
          any="Anyone"
          choices={personChoices(users)}
        />
        <FilterSelect field="code" form={params} label="Result code" any="Any code" choices={codes} />
        <FilterSelect
          field="reason"
          form={params}
          label="Reason"
          any="Any reason"
          choices={REFUND_REASON_CODES.map((c) => ({ value: c, label: REFUND_REASON_LABELS[c] }))}
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
