import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { InvalidFiltersNotice, ListHeading } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { SECONDARY_BUTTON } from '@/components/form-controls';
import { Pagination, pageHref } from '@/components/pagination';
import { requireUser } from '@/lib/auth/session';
import { merchantTimeZone, timeZoneLabel, zoneOffsetLabel } from '@/lib/format/time-zone';
import { getPaymentFilterOptions, listPayments, searchPayments } from '@/lib/payments/queries';
import { PREFIX_MIN_LENGTH, SEARCH_LIMIT } from '@/lib/payments/search-sql';
import { carried, pageRequest, type SearchParams } from '../search-params';
import { TransactionFilters } from './filters';
import { LookUpPanel } from './lookup-panel';
import { parseTransactionParams, TRANSACTION_FIELDS } from './search-params';
import { TransactionsTable } from './transactions-table';

export const metadata: Metadata = { title: 'Transactions' };

const FIELD_LABELS = {
  status: 'Status',
  method: 'Method',
  channel: 'Channel',
  currency: 'Currency',
  from: 'From',
  to: 'To',
  min: 'Min amount',
  max: 'Max amount',
};

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('read');
  const raw = await searchParams;
  const params = parseTransactionParams(raw);
  const timeZone = merchantTimeZone();
  const searching = params.q !== '';
  const [options, result] = await Promise.all([
    getPaymentFilterOptions(user),
    searching
      ? searchPayments(user, params.q).then(({ rows, more }) => ({ rows, more, nextCursor: null, prevCursor: null }))
      : listPayments(user, params.filters, pageRequest(raw)),
  ]);
  const invalid = TRANSACTION_FIELDS.filter((f) => params.errors[f]);
  const filtered = !searching && TRANSACTION_FIELDS.some((f) => params.values[f]);
  const caption = searching
    ? `Payments matching "${params.q}"`
    : filtered
      ? 'Payments matching the filters, newest first'
      : 'All payments, newest first';

  return (
    <>
      <PageHeader
        title="Transactions"
        description={<>Payments, newest first. Times in {timeZoneLabel(timeZone)}.</>}
        actions={
          // The filtered list; not offered for a search, which shows at most ten payments.
          searching ? undefined : (
            <a
              href={pageHref('/transactions/export', carried(params.values), {})}
              className={SECONDARY_BUTTON}
              download
            >
              Export CSV
            </a>
          )
        }
      />
      <TransactionFilters
        params={params}
        methods={options.methods}
        currencies={options.currencies}
        timeZone={timeZone}
      />

      {!searching && <InvalidFiltersNotice invalid={invalid} labels={FIELD_LABELS} errors={params.errors} />}

      <section aria-labelledby="results-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <ListHeading
          id="results-heading"
          clear={
            searching || filtered
              ? { href: '/transactions', label: searching ? 'Clear search' : 'Clear filters' }
              : undefined
          }
        >
          {searching ? (
            <>
              Search results for <q className="font-mono text-[15px]">{params.q}</q>
            </>
          ) : (
            'Payments'
          )}
        </ListHeading>
        {result.rows.length === 0 ? (
          searching ? (
            <>
              <EmptyState title="No payment has this id">
                No paymentId, paymentRequestId, refundId or refundRequestId{' '}
                {params.q.length >= PREFIX_MIN_LENGTH ? 'is or starts with' : 'is'}{' '}
                <span className="font-mono break-all">{params.q}</span> (in any case).{' '}
                {params.q.length < PREFIX_MIN_LENGTH
                  ? `A partial id needs at least ${PREFIX_MIN_LENGTH} characters.`
                  : 'Check for a wrong character.'}
              </EmptyState>
              <LookUpPanel id={params.q} role={user.role} />
            </>
          ) : (
            <EmptyState
              title={filtered ? 'No payments match these filters' : 'No payments yet'}
              action={filtered ? { href: '/transactions', label: 'Clear all filters' } : undefined}
            >
              {filtered
                ? 'Try a wider date range or fewer filters.'
                : 'Payments appear here as soon as Antom reports them.'}
            </EmptyState>
          )
        ) : (
          <TransactionsTable rows={result.rows} caption={caption} zone={zoneOffsetLabel(timeZone)} />
        )}
        {'more' in result && result.more === true && (
          <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-600 sm:px-5">
            The first {SEARCH_LIMIT} matches are shown; more payments have ids starting with{' '}
            <span className="font-mono break-all">{params.q}</span>. Type more of the id to narrow them.
          </p>
        )}
        {!searching && (
          <Pagination
            path="/transactions"
            params={carried(params.values)}
            prevCursor={result.prevCursor}
            nextCursor={result.nextCursor}
            summary={result.rows.length ? `${result.rows.length} shown` : undefined}
          />
        )}
      </section>
    </>
  );
}
