'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { refreshPaymentAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

export function RefreshPaymentButton({ paymentId }: { paymentId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(refreshPaymentAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="paymentId" value={paymentId} />
      <SubmitButton pending={pending} busy="Asking Antom…" look="secondary">
        Refresh from Antom
      </SubmitButton>
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {state.message}
      </span>
    </form>
  );
}
