'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { refreshPaymentAction } from './actions';

export function RefreshPaymentButton({ paymentId }: { paymentId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(refreshPaymentAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="paymentId" value={paymentId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? 'Asking Antom…' : 'Refresh from Antom'}
      </button>
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {state.message}
      </span>
    </form>
  );
}
