// Under an empty id search: the payment may be one Antom knows and the dashboard never heard of.
// Refunders and admins can ask Antom and import it; others are told who can.
import { can, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { lookupIdProblem } from '@/lib/payments/lookup';
import { LookUpForm } from './lookup-form';

const ASKS = {
  ONLINE: 'online payments by paymentId or paymentRequestId',
  IN_STORE: 'in-store payments by paymentRequestId',
} as const;

/** "Admins and Refunders": the roles whose permission covers importing. */
function rolesThatImport(): string {
  const roles = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => can(r, 'refund')).map((r) => `${ROLE_LABELS[r]}s`);
  return roles.length > 1 ? `${roles.slice(0, -1).join(', ')} and ${roles.at(-1)}` : (roles[0] ?? 'Nobody');
}

export function LookUpPanel({ id, role }: { id: string; role: Role }) {
  if (lookupIdProblem(id)) return null; // the empty state already says the search matched nothing
  const asks = env()
    .ANTOM_CHANNELS.map((c) => ASKS[c])
    .join(' and ');
  return (
    <div className="mx-4 -mt-6 mb-10 max-w-md sm:mx-auto rounded-lg border border-slate-200 bg-slate-50 px-5 py-4 text-center">
      <p className="font-medium text-slate-900">Not in the dashboard yet?</p>
      {can(role, 'refund') ? (
        <>
          <p className="mt-1 text-sm text-slate-600">
            Antom may know it: a payment the dashboard was never told about. This asks Antom for {asks}, and imports
            what Antom has.
          </p>
          <LookUpForm id={id} />
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          This payment is unknown here. {rolesThatImport()} can look it up at Antom and import it; ask one of them.
        </p>
      )}
    </div>
  );
}
