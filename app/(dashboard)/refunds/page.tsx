import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { SECONDARY_BUTTON } from '@/components/form-controls';
import { InvalidFiltersNotice, ListHeading } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { pageHref, Pagination } from '@/components/pagination';
import { requireUser } from '@/lib/auth/session';
import { merchantTimeZone, timeZoneLabel, zoneOffsetLabel } from '@/lib/format/time-zone';
import { listRefundResultCodes, listRefunds, listUserOptions } from '@/lib/refunds/read/list';
import { carried, pageRequest, type SearchParams } from '../search-params';
import { RefundFiltersForm } from './filters';
import { RefundsTable } from './refunds-table';
import { parseRefundParams, REFUND_FIELDS } from './search-params';

export const metadata: Metadata = { title: 'Refunds' };

const FIELD_LABELS = {
  status: 'Status',
  from: 'From',
  to: 'To',
  initiator: 'Requested by',
  code: 'Result code',
  reason: 'Reason',
};

export default async function RefundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('read');
  const raw = await searchParams;
  const params = parseRefundParams(raw);
  const timeZone = merchantTimeZone();
  const [users, codes, page] = await Promise.all([
    listUserOptions(user),
    listRefundResultCodes(user),
    listRefunds(user, params.filters, pageRequest(raw)),
  ]);
  const invalid = REFUND_FIELDS.filter((f) => params.errors[f]);
  const filtered = REFUND_FIELDS.some((f) => params.values[f]);
  const filters = carried(params.values);

  return (
    <>
      <PageHeader
        title="Refunds"
        description={<>Every refund, those needing attention first. Times in {timeZoneLabel(timeZone)}.</>}
        actions={
          <a href={pageHref('/refunds/export', filters, {})} className={SECONDARY_BUTTON} download>
            Export CSV
          </a>
        }
      />
      <RefundFiltersForm params={params} users={users} codes={codes} timeZone={timeZone} />
      <InvalidFiltersNotice invalid={invalid} labels={FIELD_LABELS} errors={params.errors} />
      <section aria-labelledby="refunds-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <ListHeading id="refunds-heading" clear={filtered ? { href: '/refunds', label: 'Clear filters' } : undefined}>
          {params.filters.status === 'ATTENTION' ? 'Refunds needing attention' : 'Refunds'}
        </ListHeading>
        {page.rows.length === 0 ? (
          <EmptyState
            icon={params.filters.status === 'ATTENTION' ? 'check' : 'search'}
            title={
              params.filters.status === 'ATTENTION'
                ? 'Nothing needs attention'
                : filtered
                  ? 'No refunds match these filters'
                  : 'No refunds yet'
            }
            action={filtered ? { href: '/refunds', label: 'Show all refunds' } : undefined}
          >
            {params.filters.status === 'ATTENTION'
              ? 'Every refund has a known outcome or is moving as expected.'
              : filtered
                ? 'Try a wider date range or fewer filters.'
                : 'Refunds appear here as soon as someone asks for one.'}
          </EmptyState>
        ) : (
          <RefundsTable
            rows={page.rows}
            zone={zoneOffsetLabel(timeZone)}
            caption="Refunds, those needing attention first, then newest first"
          />
        )}
        <Pagination
          path="/refunds"
          params={filters}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          summary={page.rows.length ? `${page.rows.length} shown` : undefined}
        />
      </section>
    </>
  );
}
