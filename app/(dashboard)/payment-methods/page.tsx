import type { Metadata } from 'next';
import { Cell, DataTable, HeaderCell, Row } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { PAYMENT_METHODS, ruleSource, type MethodRuleName, type MethodRules } from '@/lib/payments/methods';

export const metadata: Metadata = { title: 'Payment methods' };

const KIND_LABELS: Record<MethodRules['kind'], string> = {
  WALLET: 'Wallet',
  CARD: 'Card',
  CASH_VOUCHER: 'Cash voucher',
};

/**
 * One rule's value. A restriction (no refunds, full only, one refund, a period) says whether the
 * dashboard enforces it (a page of Antom's states it) or only warns; a rule that restricts nothing
 * just links its page when there is one.
 */
function RuleCell({
  rules,
  rule,
  value,
  restricts,
}: {
  rules: MethodRules;
  rule: MethodRuleName;
  value: string;
  restricts: boolean;
}) {
  const source = ruleSource(rules, rule);
  const link = (label: string) => (
    <a href={source!} className="text-blue-700 underline underline-offset-2" rel="noreferrer" target="_blank">
      {label}
    </a>
  );
  return (
    <Cell className="max-md:w-full">
      <span className="text-xs text-slate-500 md:hidden">{RULE_LABELS[rule]}: </span>
      <span className={restricts ? 'font-medium text-slate-900' : 'text-slate-700'}>{value}</span>
      <span className="block text-xs">
        {restricts && source && link("Enforced: Antom's page")}
        {restricts && !source && <span className="text-amber-800">Warning only: Antom decides</span>}
        {!restricts && source && link("Antom's page")}
      </span>
    </Cell>
  );
}

const RULE_LABELS: Record<MethodRuleName, string> = {
  refundable: 'Refunds',
  partialRefunds: 'Partial refunds',
  singleRefund: 'Refunds per payment',
  refundWindowDays: 'Refund period',
};

export default async function PaymentMethodsPage() {
  await requireUser('viewMethodRules');
  return (
    <>
      <PageHeader
        title="Payment methods"
        description={
          <>
            The refund rules the dashboard knows for each method. A rule stated on Antom&apos;s documentation page for
            that method is <strong>enforced</strong>: the refund is refused before it is sent, with the reason. Any
            other rule is a <strong>warning only</strong>: the refund form shows it, the refund is sent, and Antom
            decides (a refusal then shows in plain words on the refund). A method not listed is sent to Antom as it is.
          </>
        }
      />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <DataTable
          caption="Refund rules by payment method"
          headings={
            <>
              <HeaderCell>Method</HeaderCell>
              {Object.values(RULE_LABELS).map((label) => (
                <HeaderCell key={label}>{label}</HeaderCell>
              ))}
              <HeaderCell>Antom answers</HeaderCell>
            </>
          }
        >
          <tbody role="rowgroup">
            {PAYMENT_METHODS.map((m) => (
              <Row key={m.method}>
                <Cell className="max-md:w-full">
                  <span className="font-medium text-slate-900">{m.label}</span>
                  <span className="block font-mono text-xs text-slate-500">
                    {m.method} · {KIND_LABELS[m.kind]}
                  </span>
                </Cell>
                <RuleCell rules={m} rule="refundable" value={m.refundable ? 'Yes' : 'No'} restricts={!m.refundable} />
                {m.refundable ? (
                  <>
                    <RuleCell
                      rules={m}
                      rule="partialRefunds"
                      value={m.partialRefunds ? 'Yes' : 'Full refunds only'}
                      restricts={!m.partialRefunds}
                    />
                    <RuleCell
                      rules={m}
                      rule="singleRefund"
                      value={m.singleRefund ? 'One' : 'Several'}
                      restricts={m.singleRefund}
                    />
                    <RuleCell
                      rules={m}
                      rule="refundWindowDays"
                      value={m.refundWindowDays === null ? 'No limit known' : `${m.refundWindowDays} days`}
                      restricts={m.refundWindowDays !== null}
                    />
                  </>
                ) : (
                  <Cell className="text-slate-500 max-md:hidden md:table-cell" colSpan={3}>
                    Not refundable through Antom
                  </Cell>
                )}
                <Cell className="max-md:w-full text-slate-700">
                  <span className="md:hidden text-xs text-slate-500">Antom answers: </span>
                  {m.synchronousRefund ? 'At once' : 'Later (in process, then a notification)'}
                </Cell>
              </Row>
            ))}
          </tbody>
        </DataTable>
      </div>
    </>
  );
}
