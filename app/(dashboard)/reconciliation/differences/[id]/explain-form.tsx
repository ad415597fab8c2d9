'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { explainDifferenceAction } from '../../actions';

export function ExplainForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState<ActionState<'id' | 'note'>, FormData>(explainDifferenceAction, {});
  // Kept by the form: a step-up question must not clear the note (React resets an action form's fields).
  const [note, setNote] = useState('');
  if (state.ok) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  return (
    <form action={action} className="max-w-xl space-y-3">
      <input type="hidden" name="id" value={id} />
      <label htmlFor="note" className="block text-sm font-medium text-slate-700">
        Why is this difference fine?
      </label>
      <textarea
        id="note"
        name="note"
        rows={3}
        maxLength={1000}
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-describedby="note-error"
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
      />
      <p id="note-error" className="text-sm text-red-700">
        {state.errors?.note?.[0] ?? (!state.ok && !state.stepUp ? state.message : null)}
      </p>
      <StepUpField state={state} id="explain-step-up" />
      <div className="w-48">
        <SubmitButton pending={pending} busy="Saving…">
          Mark explained
        </SubmitButton>
      </div>
    </form>
  );
}
