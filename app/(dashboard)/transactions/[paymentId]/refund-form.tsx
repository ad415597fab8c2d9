'use client';

import { useState } from 'react';
import { formatMoney, parseMajor, toMajorString, type Money } from '@/lib/money';
import { StepUpField } from '@/components/step-up-field';
import type { RefundFormState } from './actions';

export interface RefundFormProps {
  paymentId: string;
  currency: string;
  paid: number;
  refundable: number;
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

const input = 'mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:ring-2 focus:outline-none';

export function RefundForm({
  paymentId,
  currency,
  paid,
  refundable,
  fullOnly,
  methodLabel,
  idempotencyKey,
  state,
  action,
  pending,
}: RefundFormProps & FormWiring) {
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const money = (value: number): Money => ({ value, currency });

  // Checked as the person types, against the currency's decimals and what is left to refund.
  const parsed = mode === 'partial' ? parseMajor(amountText, currency) : ({ ok: true, value: refundable } as const);
  const typedError =
    mode === 'partial' && amountText.trim() === ''
      ? null
      : !parsed.ok
        ? parsed.error
        : parsed.value <= 0
          ? 'Enter an amount greater than zero.'
          : parsed.value > refundable
            ? `The amount is more than can be refunded: at most ${formatMoney(money(refundable))}.`
            : null;
  const amountError = typedError ?? state.errors?.amount?.[0] ?? null;
  const ready = parsed.ok && !typedError && (mode === 'full' || amountText.trim() !== '');
  const amountValue = parsed.ok ? parsed.value : 0;

  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="mode" value={mode} />
      {mode === 'partial' && <input type="hidden" name="amount" value={amountText} />}
      <input type="hidden" name="reason" value={reason} />

      {!confirming ? (
        <>
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
                Everything left: {formatMoney(money(refundable))}
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
                Amount ({currency})
              </label>
              <input
                id="refund-amount"
                inputMode="decimal"
                autoComplete="off"
                value={amountText}
                onChange={(e) => setAmountText(e.target.value)}
                placeholder={toMajorString(money(refundable))}
                aria-invalid={!!amountError}
                aria-describedby="refund-amount-help"
                className={`${input} max-w-xs ${amountError ? 'border-red-500 focus:ring-red-500/30' : 'border-slate-300 focus:border-blue-600 focus:ring-blue-600/30'}`}
              />
              <p
                id="refund-amount-help"
                className={`mt-1 min-h-5 text-sm ${amountError ? 'text-red-700' : 'text-slate-500'}`}
              >
                {amountError ?? `Up to ${formatMoney(money(refundable))}.`}
              </p>
            </div>
          )}
          <div>
            <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-700">
              Reason <span className="font-normal text-slate-500">(optional, sent to Antom)</span>
            </label>
            <input
              id="refund-reason"
              maxLength={256}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={`${input} border-slate-300 focus:border-blue-600 focus:ring-blue-600/30`}
            />
          </div>
          <button
            type="button"
            disabled={!ready}
            onClick={() => setConfirming(true)}
            className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50"
          >
            Review refund
          </button>
        </>
      ) : (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-4">
          <p className="text-sm text-amber-900">
            Refund <strong className="text-base">{formatMoney(money(amountValue))}</strong> of the{' '}
            {formatMoney(money(paid))} paid by {methodLabel}
            {amountValue === refundable ? ' (everything left)' : ''}. The customer gets the money back; this cannot be
            undone.
          </p>
          {reason && <p className="mt-1 text-sm text-amber-900">Reason: {reason}</p>}
          {state.stepUp && (
            <div className="mt-3">
              <StepUpField state={state} id="refund-step-up" />
            </div>
          )}
          <div className="mt-3 flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
            >
              {pending ? 'Refunding…' : `Refund ${formatMoney(money(amountValue))}`}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => setConfirming(false)}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              Back
            </button>
          </div>
        </div>
      )}
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {!state.ok && !state.stepUp && state.message && !amountError ? state.message : ''}
      </p>
    </form>
  );
}
