'use client';

import { useEffect, useRef, useState } from 'react';
import { formatMinor, minorToMajor, parseTypedText, type AmountFormat } from '@/lib/amount-text';
import {
  composeRefundReason,
  REFUND_REASON_CODES,
  REFUND_REASON_LABELS,
  reasonNoteMax,
  type RefundReasonCode,
} from '@/lib/refunds/reasons';
import { StepUpField } from '@/components/step-up-field';
import type { RefundFormState } from './actions';

export interface RefundFormProps {
  paymentId: string;
  paid: number;
  refundable: number;
  /**
   * How the payment's currency is written and read, from lib/money (amountFormat): the form writes
   * and reads amounts as the server does without lib/money's currency tables and formatters.
   */
  format: AmountFormat;
  /** lib/money's amountHint for the currency: its decimals, with an example. */
  hint: string;
  /** The payment method refunds only in full. */
  fullOnly: boolean;
  methodLabel: string;
  /** Generated on the server for this rendering of the form: a double submit is one refund. */
  idempotencyKey: string;
}

interface FormWiring {
  /** The refund action's state, held by the parent so an outcome outlives this form. */
  state: RefundFormState;
  action: (formData: FormData) => void;
  pending: boolean;
}

/**
 * What the confirmation shows, fixed when the person presses Review: the exact amount sent (minor
 * units, "everything left" included) and what was left then. The page may re-render meanwhile; the
 * confirmation never changes under the person's eyes, and the server refuses if what is left moved.
 */
interface Confirmation {
  amountValue: number;
  refundableSeen: number;
  everything: boolean;
}

const input = 'mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:ring-2 focus:outline-none';
const okInput = 'border-slate-300 focus:border-blue-600 focus:ring-blue-600/30';
const badInput = 'border-red-500 focus:ring-red-500/30';

export function RefundForm({
  paymentId,
  paid,
  refundable,
  format,
  hint,
  fullOnly,
  methodLabel,
  idempotencyKey,
  state,
  action,
  pending,
}: RefundFormProps & FormWiring) {
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [reasonCode, setReasonCode] = useState<RefundReasonCode | ''>('');
  const [reasonNote, setReasonNote] = useState('');
  const [confirm, setConfirm] = useState<Confirmation | null>(null);
  // The action state whose refusal the person already acted on (took the corrected amount, went back).
  const [handled, setHandled] = useState<RefundFormState | null>(null);
  const refundButton = useRef<HTMLButtonElement>(null);
  const reviewButton = useRef<HTMLButtonElement>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const money = (value: number) => formatMinor(value, format);

  // Checked as the person types, against the currency's decimals and what is left to refund.
  const parsed = mode === 'partial' ? parseTypedText(amountText, format) : ({ ok: true, value: refundable } as const);
  const typedError =
    mode === 'partial' && amountText.trim() === ''
      ? null
      : !parsed.ok
        ? parsed.error
        : parsed.value <= 0
          ? 'Enter an amount greater than zero.'
          : parsed.value > refundable
            ? `The amount is more than can be refunded: at most ${money(refundable)}.`
            : null;
  const reason = reasonCode ? composeRefundReason(reasonCode, reasonNote) : null;
  const reasonError = reason && !reason.ok && (reasonCode !== 'OTHER' || reasonNote.trim()) ? reason.error : null;
  const ready = parsed.ok && !typedError && (mode === 'full' || amountText.trim() !== '') && (!reason || reason.ok);

  const refusal = confirm && !state.ok && !state.stepUp && state.message && state !== handled ? state : null;
  // What to offer instead after a refusal: everything left now, or the typed amount if it still fits.
  const refundableNow = refusal?.refusal?.refundableNow;
  const corrected =
    confirm && refundableNow !== undefined
      ? confirm.everything
        ? refundableNow
        : Math.min(confirm.amountValue, refundableNow)
      : null;
  // The page re-rendered with a different amount left while the confirmation was open.
  const movedUnderneath = confirm && !refusal && refundable !== confirm.refundableSeen;
  // The amount offered instead: after the server's refusal, what it says is left now; after a
  // re-render, what the page now shows.
  const offer: { value: number; left: number } | null =
    confirm && refusal && corrected !== null && refundableNow !== undefined && corrected > 0
      ? { value: corrected, left: refundableNow }
      : confirm && movedUnderneath && refundable > 0
        ? { value: confirm.everything ? refundable : Math.min(confirm.amountValue, refundable), left: refundable }
        : null;

  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);

  function review() {
    if (!ready || !parsed.ok) return;
    setConfirm({ amountValue: parsed.value, refundableSeen: refundable, everything: parsed.value === refundable });
    setHandled(state);
  }
  useEffect(() => {
    if (confirm) refundButton.current?.focus();
  }, [confirm]);

  function back() {
    setConfirm(null);
    setHandled(state);
    // After the confirmation closes, the Review button it came from (rendered again) takes focus.
    setTimeout(() => reviewButton.current?.focus(), 0);
  }

  function takeCorrected(value: number, left: number) {
    setHandled(state);
    setConfirm({ amountValue: value, refundableSeen: left, everything: value === left });
    if (mode === 'partial') setAmountText(minorToMajor(value, format.exponent));
    refundButton.current?.focus();
  }

  if (confirm) {
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
            back();
          }
        }}
      >
        <input type="hidden" name="paymentId" value={paymentId} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="amountValue" value={confirm.amountValue} />
        <input type="hidden" name="refundableSeen" value={confirm.refundableSeen} />
        <input type="hidden" name="reasonCode" value={reasonCode} />
        <input type="hidden" name="reasonNote" value={reasonCode ? reasonNote : ''} />
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
              disabled={pending || !!movedUnderneath}
              className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
            >
              {pending ? 'Refunding…' : `Refund ${amount}`}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={back}
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

  const amountError = typedError;
  return (
    <form
      id="refund-form"
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        // Enter in any field means Review: nothing is sent before the confirmation.
        e.preventDefault();
        review();
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">How much</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="modeChoice"
              checked={mode === 'full'}
              onChange={() => setMode('full')}
              className="h-4 w-4 accent-blue-700"
            />
            Everything left: {money(refundable)}
          </label>
          <label className={`flex items-center gap-2 text-sm ${fullOnly ? 'text-slate-400' : ''}`}>
            <input
              type="radio"
              name="modeChoice"
              checked={mode === 'partial'}
              disabled={fullOnly}
              onChange={() => setMode('partial')}
              className="h-4 w-4 accent-blue-700"
            />
            Part of it {fullOnly && <span className="text-xs">({methodLabel} refunds only in full)</span>}
          </label>
        </div>
      </fieldset>
      {mode === 'partial' && (
        <div>
          <label htmlFor="refund-amount" className="block text-sm font-medium text-slate-700">
            Amount ({format.currency})
          </label>
          <input
            id="refund-amount"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            placeholder={money(refundable)}
            aria-invalid={!!amountError}
            aria-describedby="refund-amount-help"
            className={`${input} max-w-xs ${amountError ? badInput : okInput}`}
          />
          <p
            id="refund-amount-help"
            aria-live="polite"
            className={`mt-1 min-h-5 text-sm ${amountError ? 'text-red-700' : 'text-slate-500'}`}
          >
            {amountError ?? `Up to ${money(refundable)}. ${hint}`}
          </p>
        </div>
      )}
      <div>
        <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-700">
          Reason <span className="font-normal text-slate-500">(optional, sent to Antom)</span>
        </label>
        <select
          id="refund-reason"
          value={reasonCode}
          onChange={(e) => setReasonCode(e.target.value as RefundReasonCode | '')}
          className={`${input} ${okInput} bg-white`}
        >
          <option value="">No reason given</option>
          {REFUND_REASON_CODES.map((code) => (
            <option key={code} value={code}>
              {REFUND_REASON_LABELS[code]}
            </option>
          ))}
        </select>
      </div>
      {reasonCode && (
        <div>
          <label htmlFor="refund-reason-note" className="block text-sm font-medium text-slate-700">
            {reasonCode === 'OTHER' ? 'What is the reason?' : 'Reason details'}{' '}
            <span className="font-normal text-slate-500">
              ({reasonCode === 'OTHER' ? 'required' : 'optional'}, up to {reasonNoteMax(reasonCode)} characters)
            </span>
          </label>
          <input
            id="refund-reason-note"
            value={reasonNote}
            maxLength={reasonNoteMax(reasonCode)}
            onChange={(e) => setReasonNote(e.target.value)}
            aria-invalid={!!reasonError}
            aria-describedby="refund-reason-help"
            className={`${input} ${reasonError ? badInput : okInput}`}
          />
          <p
            id="refund-reason-help"
            className={`mt-1 min-h-5 text-sm ${reasonError ? 'text-red-700' : 'text-slate-500'}`}
          >
            {reasonError ?? (reason?.ok ? `Antom receives: “${reason.refundReason}”` : '')}
          </p>
        </div>
      )}
      <button
        ref={reviewButton}
        type="submit"
        disabled={!ready}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50"
      >
        Review refund
      </button>
    </form>
  );
}
