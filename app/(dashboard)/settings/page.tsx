import type { Metadata } from 'next';
import { PageHeader, Section } from '@/components/page-header';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { twoFactorPolicy } from '@/lib/users/two-factor';
import { TwoFactorPolicyForm } from './two-factor-policy-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const admin = await requireUser('manageSettings');
  const policy = await twoFactorPolicy(admin);
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
          <TwoFactorPolicyForm rows={policy.map((p) => ({ ...p, label: ROLE_LABELS[p.role] }))} />
        </div>
        <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-500 sm:px-5">
          Default, until an admin saves: required for admins and refunders, optional for viewers. The demo stores it
          optional for everyone, so its users sign in without a device.
        </p>
      </Section>
      <Section id="step-up" title="Fresh code for sensitive actions (step-up)">
        <div className="space-y-2 px-4 py-3 text-sm text-slate-700 sm:px-5">
          <p>
            Every admin action (users, settings) asks anyone who has a second factor for a fresh code from their app,
            unless they gave one in the last five minutes. The server checks it in the action itself, whatever page sent
            it.
          </p>
          <p>
            <strong className="font-medium">People without a second factor are not asked.</strong> Step-up proves that
            the person still holds the device they set up; require two-factor sign-in for a role above to make sure
            everyone in it has one.
          </p>
        </div>
      </Section>
    </div>
  );
}
