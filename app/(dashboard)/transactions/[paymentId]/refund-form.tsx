'use client';

import { useRef, useState } from 'react';
import type { AmountFormat } from '@/lib/amount-text';
import type { RefundReasonCode } from '@/lib/refunds/reasons';
import type { RefundFormState } from './actions';
import type { Confirmation, Entry } from './refund-steps';

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
  methodLabel: string;
  /** Generated on the server for this rendering of the form: a double submit is one refund. */
  idempotencyKey: string;
  /**
   * The first view's choices, rendered by the page (refund-panel.tsx) so their words and looks are
   * not client code: the "How much" fieldset (radios named modeChoice, "full" checked) and the reason
   * picker (#refund-reason, "" selected). This form reads them as they change.
   */
  parts: { howMuch: React.ReactNode; reason: React.ReactNode };
}

interface FormWiring {
  /** The refund action's state, held by the parent so an outcome outlives this form. */
  state: RefundFormState;
  action: (formData: FormData) => void;
  pending: boolean;
}

type Steps = typeof import('./refund-steps');
// The form's later steps (checking what is typed, the amount and reason-details fields, the
// confirmation) come when the person first touches the form, not with the page: most visits to a
// payment only read it (issue 17, first-load JS budget). Fetched once per page.
let steps: Promise<Steps> | undefined;
let loaded: Steps | undefined;
const loadSteps = () => (steps ??= import('./refund-steps').then((m) => (loaded = m)));

export function RefundForm({
  paymentId,
  paid,
  refundable,
  format,
  hint,
  methodLabel,
  idempotencyKey,
  parts,
  state,
  action,
  pending,
}: RefundFormProps & FormWiring) {
  const [entry, setEntry] = useState<Entry>({ mode: 'full', amountText: '', reasonCode: '', reasonNote: '' });
  const [opened, setOpened] = useState<Confirmation | null>(null);
  const [mod, setMod] = useState(loaded);
  const reviewButton = useRef<HTMLButtonElement>(null);
  const edit = (change: Partial<Entry>) => setEntry((e) => ({ ...e, ...change }));
  const load = () => {
    if (!mod) void loadSteps().then(setMod);
  };

  const checked = mod?.checkEntry(entry, refundable, format);
  // Until the steps have come nothing typed can be checked: only everything left, without a reason,
  // may be reviewed meanwhile (the fields to type in come with the steps).
  const value = checked ? checked.value : entry.mode === 'full' && !entry.reasonCode ? refundable : null;

  function back() {
    setOpened(null);
    // After the confirmation closes, the Review button it came from (shown again) takes focus.
    setTimeout(() => reviewButton.current?.focus(), 0);
  }

  const confirming = opened && mod && checked;
  return (
    <>
      {/* Kept while the confirmation is open, hidden: Back returns to the choices as they were. */}
      <form
        id={confirming ? undefined : 'refund-form'}
        hidden={!!confirming}
        className="space-y-4"
        noValidate
        onFocus={load}
        onPointerDown={load}
        onChange={(e) => {
          const { name, value } = e.target as EventTarget as HTMLInputElement;
          if (name === 'modeChoice') edit({ mode: value as Entry['mode'] });
          else if (name === 'reasonCode') edit({ reasonCode: value as RefundReasonCode | '' });
        }}
        onSubmit={(e) => {
          // Enter in any field means Review: nothing is sent before the confirmation.
          e.preventDefault();
          if (value === null) return;
          load(); // the confirmation shows once the steps have come
          setOpened({ amountValue: value, refundableSeen: refundable, everything: value === refundable });
        }}
      >
        {parts.howMuch}
        {entry.mode === 'partial' && mod && checked && (
          <mod.AmountField
            value={entry.amountText}
            onChange={(amountText) => edit({ amountText })}
            error={checked.amountError}
            refundable={refundable}
            format={format}
            hint={hint}
          />
        )}
        {parts.reason}
        {entry.reasonCode && mod && checked && (
          <mod.NoteField
            code={entry.reasonCode}
            value={entry.reasonNote}
            onChange={(reasonNote) => edit({ reasonNote })}
            checked={checked}
          />
        )}
        <button ref={reviewButton} type="submit" disabled={value === null} className="button-primary px-4 py-2">
          Review refund
        </button>
      </form>
      {confirming && (
        <mod.RefundConfirm
          opened={opened}
          entry={entry}
          reason={checked.reason}
          paymentId={paymentId}
          idempotencyKey={idempotencyKey}
          paid={paid}
          refundable={refundable}
          format={format}
          methodLabel={methodLabel}
          state={state}
          action={action}
          pending={pending}
          onAmountText={(amountText) => edit({ amountText })}
          onBack={back}
        />
      )}
    </>
  );
}
