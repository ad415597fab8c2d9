import type { Metadata } from 'next';
import { PageHeader, Section } from '@/components/page-header';
import { approvalRuleHistory, approvalRulesInForce } from '@/lib/approvals';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { stepUpThresholds } from '@/lib/auth/step-up-thresholds';
import { formatDateTime } from '@/lib/format/date-time';
import { formatMoney } from '@/lib/money';
import { twoFactorPolicy } from '@/lib/users/two-factor';
import { ActionButton } from '@/components/action-button';
import { removeApprovalRuleAction, saveApprovalRuleAction } from './approval-actions';
import { saveStepUpThresholdAction, saveTwoFactorPolicyAction } from './actions';
import { SettingForm, type SettingField } from './setting-form';
import { TwoFactorPolicyForm } from './two-factor-policy-form';

const CURRENCY: SettingField = { name: 'currency', label: 'Currency', placeholder: 'USD', currency: true };
const AMOUNT = { name: 'amount', label: 'Refunds above', inputMode: 'decimal' } as const;

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const admin = await requireUser('manageSettings');
  const [policy, thresholds, rules, history] = await Promise.all([
    twoFactorPolicy(admin),
    stepUpThresholds(admin),
    approvalRulesInForce(admin),
    approvalRuleHistory(admin),
  ]);
  const everyRefund = rules.some((r) => r.kind === 'EVERY_REFUND');
  return (
    <div className="space-y-6">
      <PageHeader
        title="Settings"
        description="Security settings for everyone who signs in. Every change is in the audit log."
      />
      <Section
        id="two-factor"
        title="Two-factor sign-in"
        description="People in a role that requires it sign in with a code from an authenticator app after their password. Those without one set it up at their next request, before anything else."
      >
        <div className="px-4 pb-2 sm:px-5">
          <TwoFactorPolicyForm
            action={saveTwoFactorPolicyAction}
            rows={policy.map((p) => ({ ...p, label: ROLE_LABELS[p.role] }))}
          />
        </div>
        <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-500 sm:px-5">
          Default, until an admin saves: required for admins and refunders, optional for viewers. The demo stores it
          optional for everyone, so its users sign in without a device.
        </p>
      </Section>
      <Section
        id="step-up"
        title="Fresh code for large refunds and admin actions (step-up)"
        description="A refund above its currency's threshold, and every admin action (users, settings), asks for a fresh code from the authenticator app, unless one was given in the last five minutes. The server checks it in the action itself, whatever page sent it."
      >
        <div className="space-y-4 px-4 py-4 sm:px-5">
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <strong className="font-medium">People without a second factor are not asked.</strong> Step-up proves the
            person still holds the device they set up; without one there is nothing to prove. Require two-factor sign-in
            for a role above to make sure everyone in it is asked.
          </p>
          {thresholds.length > 0 ? (
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Refund thresholds">
              {thresholds.map((t) => (
                <li key={t.currency} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-3 py-2">
                  <span>
                    <span className="font-mono font-medium text-slate-900">{t.currency}</span>
                    <span className="text-slate-700">: refunds above {formatMoney(t)}</span>
                    <span className="ml-2 text-xs text-slate-500">
                      set {formatDateTime(t.updatedAt, { seconds: false })}
                    </span>
                  </span>
                  <ActionButton
                    action={saveStepUpThresholdAction}
                    fields={{ currency: t.currency, remove: 'yes' }}
                    stepUpId={`remove-${t.currency}-step-up`}
                    busy="Removing…"
                    className="justify-end"
                  >
                    Remove
                  </ActionButton>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No thresholds: refunds ask no code in any currency.</p>
          )}
          <SettingForm
            action={saveStepUpThresholdAction}
            id="threshold"
            fields={[CURRENCY, { ...AMOUNT, placeholder: '500.00' }]}
            columns="sm:grid-cols-[8rem_12rem_auto]"
            submit="Set threshold"
          />
        </div>
      </Section>
      <Section
        id="approvals"
        title="Approval of refunds (four eyes)"
        description="A refund a rule names waits, its amount reserved, until someone other than the person who asked approves it with a fresh code; nothing is sent to Antom before. A change applies to refunds asked after it; refunds already waiting keep waiting."
      >
        <div className="space-y-5 px-4 py-4 sm:px-5">
          {rules.length > 0 ? (
            <ul
              className="divide-y divide-slate-100 rounded-md border border-slate-200"
              aria-label="Approval rules in force"
            >
              {rules.map((r) => (
                <li key={r.ruleId} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 px-3 py-2">
                  <span>
                    <span className="font-medium text-slate-900">{r.words}</span>
                    <span className="ml-2 text-xs text-slate-500">
                      version {r.version}, since {formatDateTime(r.validFrom, { seconds: false })}
                      {r.changedByName ? ` by ${r.changedByName}` : ''}
                    </span>
                  </span>
                  <ActionButton
                    action={removeApprovalRuleAction}
                    fields={{ ruleId: r.ruleId }}
                    stepUpId={`remove-rule-${r.ruleId}-step-up`}
                    busy="Removing…"
                    label={`Remove: ${r.words}`}
                    className="justify-end"
                  >
                    Remove
                  </ActionButton>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No rules: every refund is sent when it is asked for.</p>
          )}
          <SettingForm
            action={saveApprovalRuleAction}
            id="approval-amount"
            fields={[CURRENCY, { ...AMOUNT, placeholder: '1000.00' }]}
            hidden={{ kind: 'AMOUNT_ABOVE' }}
            label="Approval above an amount"
            columns="sm:grid-cols-[8rem_12rem_auto]"
            submit="Require approval"
          />
          <SettingForm
            action={saveApprovalRuleAction}
            id="approval-email"
            fields={[
              {
                name: 'email',
                label: 'Every refund asked by (email)',
                placeholder: 'new.starter@example.com',
                type: 'email',
              },
            ]}
            hidden={{ kind: 'REQUESTER' }}
            label="Approval for one person's refunds"
            columns="sm:grid-cols-[20.5rem_auto]"
            submit="Require approval"
          />
          {!everyRefund && (
            <ActionButton
              action={saveApprovalRuleAction}
              fields={{ kind: 'EVERY_REFUND' }}
              stepUpId="approval-every-step-up"
              busy="Saving…"
            >
              Require approval for every refund
            </ActionButton>
          )}
          {history.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-700">
                History of the rules (the latest {history.length === 1 ? 'version' : `${history.length} versions`})
              </summary>
              <ol className="mt-2 space-y-1 text-slate-600">
                {history.map((h) => (
                  <li key={`${h.ruleId}-${h.version}`}>
                    {formatDateTime(h.validFrom, { seconds: false })}: {h.words}, version {h.version}
                    {h.changedByName ? ` (${h.changedByName})` : ''}
                    {h.validTo ? `, in force until ${formatDateTime(h.validTo, { seconds: false })}` : ', in force'}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      </Section>
    </div>
  );
}
