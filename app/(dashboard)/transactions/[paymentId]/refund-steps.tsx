'use client';

// The refund form's steps after its first view (refund-form.tsx): checking what is typed, the amount
// and reason-details fields, and the confirmation. Loaded when the person first touches the form,
// not with the page: most visits to a payment only read it (issue 17, first-load JS budget).
import { useEffect, useRef, useState } from 'react';
import { formatMinor, minorToMajor, parseTypedText, type AmountFormat } from '@/lib/amount-text';
import { composeRefundReason, reasonNoteMax, type ComposedReason, type RefundReasonCode } from '@/lib/refunds/reasons';
import { StepUpField } from '@/components/step-up-field';
import type { RefundFormState } from './actions';
import { badInput, input, okInput } from './refund-field-looks';

/**
 * What the confirmation shows, fixed when the person presses Review: the exact amount sent (minor
 * units, "everything left" included) and what was left then. The page may re-render meanwhile; the
 * confirmation never changes under the person's eyes, and the server refuses if what is left moved.
 */
export interface Confirmation {
  amountValue: number;
  refundableSeen: number;
  everything: boolean;
}

/** What the person chose and typed in the form's first view. */
export interface Entry {
  mode: 'full' | 'partial';
  amountText: string;
  reasonCode: RefundReasonCode | '';
  reasonNote: string;
}

export interface Checked {
  /** The amount to confirm, when Review may be pressed. */
  value: number | null;
  amountError: string | null;
  reason: ComposedReason | null;
  reasonError: string | null;
}

/** Checked as the person types, against the currency's decimals and what is left to refund. */
export function checkEntry(entry: Entry, refundable: number, format: AmountFormat): Checked {
  const { mode, amountText, reasonCode, reasonNote } = entry;
  const parsed = mode === 'partial' ? parseTypedText(amountText, format) : ({ ok: true, value: refundable } as const);
  const amountError =
    mode === 'partial' && amountText.trim() === ''
      ? null
      : !parsed.ok
        ? parsed.error
        : parsed.value <= 0
          ? 'Enter an amount greater than zero.'
          : parsed.value > refundable
            ? `The amount is more than can be refunded: at most ${formatMinor(refundable, format)}.`
            : null;
  const reason = reasonCode ? composeRefundReason(reasonCode, reasonNote) : null;
  const reasonError = reason && !reason.ok && (reasonCode !== 'OTHER' || reasonNote.trim()) ? reason.error : null;
  const ready = parsed.ok && !amountError && (mode === 'full' || amountText.trim() !== '') && (!reason || reason.ok);
  return { value: ready && parsed.ok ? parsed.value : null, amountError, reason, reasonError };
}

const help = (error: string | null) => `mt-1 min-h-5 text-sm ${error ? 'text-red-700' : 'text-slate-500'}`;

export function AmountField({
  value,
  onChange,
  error,
  refundable,
  format,
  hint,
}: {
  value: string;
  onChange: (text: string) => void;
  error: string | null;
  refundable: number;
  format: AmountFormat;
  /** lib/money's amountHint for the currency: its decimals, with an example. */
  hint: string;
}) {
  const most = formatMinor(refundable, format);
  return (
    <div>
      <label htmlFor="refund-amount" className="block text-sm font-medium text-slate-700">
        Amount ({format.currency})
      </label>
      <input
        id="refund-amount"
        inputMode="decimal"
        autoComplete="off"
        autoFocus
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={most}
        aria-invalid={!!error}
        aria-describedby="refund-amount-help"
        className={`${input} max-w-xs ${error ? badInput : okInput}`}
      />
      <p id="refund-amount-help" aria-live="polite" className={help(error)}>
        {error ?? `Up to ${most}. ${hint}`}
      </p>
    </div>
  );
}

export function NoteField({
  code,
  value,
  onChange,
  checked: { reason, reasonError },
}: {
  code: RefundReasonCode;
  value: string;
  onChange: (text: string) => void;
  checked: Checked;
}) {
  return (
    <div>
      <label htmlFor="refund-reason-note" className="block text-sm font-medium text-slate-700">
        {code === 'OTHER' ? 'What is the reason?' : 'Reason details'}{' '}
        <span className="font-normal text-slate-500">
          ({code === 'OTHER' ? 'required' : 'optional'}, up to {reasonNoteMax(code)} characters)
        </span>
      </label>
      <input
        id="refund-reason-note"
        value={value}
        maxLength={reasonNoteMax(code)}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!reasonError}
        aria-describedby="refund-reason-help"
        className={`${input} ${reasonError ? badInput : okInput}`}
      />
      <p id="refund-reason-help" className={help(reasonError)}>
        {reasonError ?? (reason?.ok ? `Antom receives: “${reason.refundReason}”` : '')}
      </p>
    </div>
  );
}

/**
 * The confirmation: the exact amount and what it is of, then Refund (focused) or Back (Escape). A
 * refusal of the server (what is left moved: another tab refunded meanwhile) or a re-render showing
 * less left is said inside it, focused, with the amount that fits now offered instead.
 */
export function RefundConfirm({
  opened,
  entry,
  reason,
  paymentId,
  idempotencyKey,
  paid,
  refundable,
  format,
  methodLabel,
  state,
  action,
  pending,
  onAmountText,
  onBack,
}: {
  /** What Review fixed. */
  opened: Confirmation;
  entry: Entry;
  reason: ComposedReason | null;
  paymentId: string;
  idempotencyKey: string;
  paid: number;
  refundable: number;
  format: AmountFormat;
  methodLabel: string;
  /** The refund action's state, held above the form so an outcome outlives it (refund-area.tsx). */
  state: RefundFormState;
  action: (formData: FormData) => void;
  pending: boolean;
  /** Puts a corrected partial amount back into the form's amount field. */
  onAmountText: (text: string) => void;
  onBack: () => void;
}) {
  const [confirm, setConfirm] = useState(opened);
  // The action state whose refusal the person already acted on (what stood when Review was pressed,
  // or the refusal whose corrected amount they took).
  const [handled, setHandled] = useState(state);
  const refundButton = useRef<HTMLButtonElement>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const money = (value: number) => formatMinor(value, format);

  const refusal = !state.ok && !state.stepUp && state.message && state !== handled ? state : null;
  // What to offer instead after a refusal: everything left now, or the typed amount if it still fits.
  const refundableNow = refusal?.refusal?.refundableNow;
  const corrected =
    refundableNow !== undefined
      ? confirm.everything
        ? refundableNow
        : Math.min(confirm.amountValue, refundableNow)
      : null;
  // The page re-rendered with a different amount left while the confirmation was open.
  const movedUnderneath = !refusal && refundable !== confirm.refundableSeen;
  // The amount offered instead: after the server's refusal, what it says is left now; after a
  // re-render, what the page now shows.
  const offer: { value: number; left: number } | null =
    refusal && corrected !== null && refundableNow !== undefined && corrected > 0
      ? { value: corrected, left: refundableNow }
      : movedUnderneath && refundable > 0
        ? { value: confirm.everything ? refundable : Math.min(confirm.amountValue, refundable), left: refundable }
        : null;

  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);
  // Opened, or the amount offered taken: the Refund button takes focus, so Enter refunds.
  useEffect(() => refundButton.current?.focus(), [confirm]);

  function takeCorrected(value: number, left: number) {
    setHandled(state);
    setConfirm({ amountValue: value, refundableSeen: left, everything: value === left });
    if (entry.mode === 'partial') onAmountText(minorToMajor(value, format.exponent));
  }

  const amount = money(confirm.amountValue);
  return (
    <form
      id="refund-form"
      action={action}
      className="space-y-3"
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !pending) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="amountValue" value={confirm.amountValue} />
      <input type="hidden" name="refundableSeen" value={confirm.refundableSeen} />
      <input type="hidden" name="reasonCode" value={entry.reasonCode} />
      <input type="hidden" name="reasonNote" value={entry.reasonCode ? entry.reasonNote : ''} />
      <div
        role="group"
        aria-labelledby="refund-confirm-text"
        className="rounded-lg border border-amber-200 bg-amber-50 p-4"
        data-testid="refund-confirm"
      >
        <p id="refund-confirm-text" className="text-sm text-amber-900">
          Refund <strong className="text-base">{amount}</strong> of the {money(paid)} paid by {methodLabel}
          {confirm.everything ? ' (everything left)' : ''}. The customer gets the money back; this cannot be undone.
        </p>
        {reason?.ok && <p className="mt-1 text-sm text-amber-900">Reason sent to Antom: {reason.refundReason}</p>}
        {(refusal || movedUnderneath) && (
          <div
            ref={refusalBox}
            tabIndex={-1}
            role="alert"
            data-testid="refund-refusal"
            className="mt-3 rounded-md border border-red-300 bg-white p-3 text-sm text-red-800 focus:ring-2 focus:ring-red-600 focus:outline-none"
          >
            <p>
              {refusal
                ? refusal.message
                : `What is left to refund changed while this was open: ${money(refundable)} is left now.`}
            </p>
            {offer && (
              <button
                type="button"
                onClick={() => takeCorrected(offer.value, offer.left)}
                className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-1.5 font-medium text-red-900 hover:bg-red-100 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:outline-none"
              >
                Use {money(offer.value)} instead
                {offer.value === offer.left ? ' (everything left now)' : ''}
              </button>
            )}
          </div>
        )}
        {state.stepUp && state !== handled && (
          <div className="mt-3">
            <StepUpField state={state} id="refund-step-up" />
          </div>
        )}
        <div className="mt-3 flex flex-wrap gap-3">
          <button
            ref={refundButton}
            type="submit"
            disabled={pending || movedUnderneath}
            className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
          >
            {pending ? 'Refunding…' : `Refund ${amount}`}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={onBack}
            aria-keyshortcuts="Escape"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
          >
            Back
          </button>
        </div>
        <p className="mt-2 text-xs text-amber-900/80">Enter refunds; Escape goes back.</p>
      </div>
      {/* Announced when the confirmation opens: focus lands on the Refund button, whose name alone
          would not say of what. */}
      <p role="status" aria-live="polite" className="sr-only">
        Confirm: refund {amount} of the {money(paid)} paid. Press Enter to refund, Escape to go back.
      </p>
    </form>
  );
}
