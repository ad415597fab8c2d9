import { GetForm } from '@/components/get-form';
import { DateRangeFields, FilterButtons, FilterSelect, InputField, PRIMARY_BUTTON } from '@/components/form-controls';
import { methodRules } from '@/lib/payments/methods';
import {
  CHANNEL_LABELS,
  CHANNELS,
  PAYMENT_DISPLAY_STATUS_WORDS,
  PAYMENT_DISPLAY_STATUSES,
} from '@/lib/payments/states';
import { PREFIX_MIN_LENGTH } from '@/lib/payments/search-sql';
import type { TransactionParams } from './search-params';

/** The id search and the filters: two GET forms, so the URL always says what is shown. */
export function TransactionFilters({
  params,
  methods,
  currencies,
  timeZone,
}: {
  params: TransactionParams;
  methods: string[];
  currencies: string[];
  timeZone: string;
}) {
  const { values, errors, q } = params;
  return (
    <div className="mb-6 rounded-lg border border-slate-200 bg-white shadow-xs">
      <GetForm action="/transactions" label="Search by id" className="border-b border-slate-100 p-4 sm:px-5">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <InputField
            id="q"
            name="q"
            type="search"
            label="Find a payment by id"
            value={q}
            placeholder="paymentId, paymentRequestId, refundId or refundRequestId"
            hint={`Any of the four ids, in any case; at least ${PREFIX_MIN_LENGTH} characters find the ids they start. A search ignores the filters below.`}
            className="flex-1"
          />
          <button type="submit" className={`${PRIMARY_BUTTON} sm:mb-5`}>
            Search
          </button>
        </div>
      </GetForm>
      <GetForm action="/transactions" label="Filter payments" className="p-4 sm:px-5">
        <div className="grid grid-cols-2 gap-x-3 gap-y-3 sm:grid-cols-4">
          <FilterSelect
            field="status"
            form={params}
            label="Status"
            any="Any status"
            choices={PAYMENT_DISPLAY_STATUSES.map((s) => ({ value: s, label: PAYMENT_DISPLAY_STATUS_WORDS[s].label }))}
          />
          <FilterSelect
            field="method"
            form={params}
            label="Method"
            any="Any method"
            choices={methods.map((m) => ({ value: m, label: methodRules(m).label }))}
          />
          <FilterSelect
            field="channel"
            form={params}
            label="Channel"
            any="Any channel"
            choices={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          />
          <FilterSelect field="currency" form={params} label="Currency" any="Any currency" choices={currencies} />
          <DateRangeFields values={values} errors={errors} fromLabel="From (created)" toLabel="To (created)" />
          {(['min', 'max'] as const).map((field) => (
            <InputField
              key={field}
              id={field}
              label={field === 'min' ? 'Min amount' : 'Max amount'}
              value={values[field]}
              error={errors[field]}
              inputMode="decimal"
              placeholder="0.00"
            />
          ))}
        </div>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-xs text-slate-500 sm:max-w-2xl">
            Dates are days in {timeZone}, both ends included. Amounts are in the chosen currency, e.g. 12.50 (needs a
            currency).
          </p>
          <FilterButtons clearHref="/transactions" className="flex shrink-0 gap-2" />
        </div>
      </GetForm>
    </div>
  );
}
