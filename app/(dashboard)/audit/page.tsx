import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { GetForm } from '@/components/get-form';
import { DateRangeFields, FILTER_CARD, FilterButtons, FilterSelect, personChoices } from '@/components/form-controls';
import { InvalidFiltersNotice } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { listAuditActions, listAuditLogs } from '@/lib/audit/queries';
import { requireUser } from '@/lib/auth/session';
import { merchantTimeZone, timeZoneLabel, zoneOffsetLabel } from '@/lib/format/time-zone';
import { listUserOptions } from '@/lib/refunds/read/list';
import { carried, pageRequest, type SearchParams } from '../search-params';
import { AuditTable } from './audit-table';
import { AUDIT_FIELDS, parseAuditParams } from './search-params';

export const metadata: Metadata = { title: 'Audit log' };

const FIELD_LABELS = { action: 'Action', actor: 'Who', from: 'From', to: 'To' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('viewAudit');
  const raw = await searchParams;
  const { values, filters, errors } = parseAuditParams(raw);
  const timeZone = merchantTimeZone();
  const [actions, users, page] = await Promise.all([
    listAuditActions(user),
    listUserOptions(user),
    listAuditLogs(user, filters, pageRequest(raw)),
  ]);
  const invalid = AUDIT_FIELDS.filter((f) => errors[f]);
  const filtered = AUDIT_FIELDS.some((f) => values[f]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={<>What people, Antom and the system did, newest first. Times in {timeZoneLabel(timeZone)}.</>}
      />
      <GetForm action="/audit" label="Filter the audit log" className={FILTER_CARD}>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <FilterSelect field="action" form={{ values, errors }} label="Action" any="Any action" choices={actions} />
          <FilterSelect
            field="actor"
            form={{ values, errors }}
            label="Who"
            any="Anyone"
            choices={[
              { value: 'ANTOM', label: 'Antom' },
              { value: 'SYSTEM', label: 'System' },
              ...personChoices(users),
            ]}
          />
          <DateRangeFields values={values} errors={errors} fromLabel="From" toLabel="To" />
        </div>
        <FilterButtons clearHref="/audit" className="mt-4 flex justify-end gap-2" />
      </GetForm>
      <InvalidFiltersNotice invalid={invalid} labels={FIELD_LABELS} errors={errors} />
      <section aria-labelledby="audit-heading" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <h2
          id="audit-heading"
          className="border-b border-slate-100 px-4 py-3 text-base font-semibold text-slate-900 sm:px-5"
        >
          Entries
        </h2>
        {page.rows.length === 0 ? (
          <EmptyState
            title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}
            action={filtered ? { href: '/audit', label: 'Clear filters' } : undefined}
          />
        ) : (
          <AuditTable rows={page.rows} zone={zoneOffsetLabel(timeZone)} />
        )}
        <Pagination
          path="/audit"
          params={carried(values)}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          summary={page.rows.length ? `${page.rows.length} shown` : undefined}
        />
      </section>
    </>
  );
}
