// Refunding from the payment's page: the form when a refund is possible and the person may make one,
// otherwise the reason in words; "refresh from Antom" for in-store payments; and a quiet re-render
// every few seconds while the payment (PENDING, PROCESSING: Antom's notifyPayment will move it) or
// any of its refunds is still moving.
import { randomUUID } from 'node:crypto';
import { AutoRefresh } from '@/components/auto-refresh';
import type { SessionUser } from '@/lib/auth/session';
import { can, ROLE_LABELS } from '@/lib/auth/roles';
import { amountFormat, amountHint, formatAmount } from '@/lib/money';
import { methodRules } from '@/lib/payments/methods';
import { OPEN_PAYMENT_STATUSES } from '@/lib/payments/states';
import type { PaymentDetail } from '@/lib/payments/queries';
import { refundability } from '@/lib/refunds';
import { REFUND_REASON_CODES, REFUND_REASON_LABELS } from '@/lib/refunds/reasons';
import { IN_FLIGHT_STATUSES, type RefundStatus } from '@/lib/refunds/states';
import { ActionButton } from '@/components/action-button';
import { refreshPaymentAction, refundPaymentAction } from './actions';
import { RefundArea } from './refund-area';
import * as fieldLooks from './refund-field-looks';
import { refundBanner } from './refund-banner';
import { REFUND_START } from './refund-start';

export interface RefundPanelProps {
  /** The payment as the page read it, with every refund (newest first) and the held / refunded sums. */
  payment: PaymentDetail;
  /** Who is looking: only a role with the refund permission gets the form. */
  user: SessionUser;
}

export function RefundPanel({ payment, user }: RefundPanelProps) {
  const statuses = payment.refunds.map((r) => r.status as RefundStatus);
  const state = refundability(payment, statuses);
  const moving = OPEN_PAYMENT_STATUSES.includes(payment.status) || statuses.some((s) => IN_FLIGHT_STATUSES.includes(s));
  const mayRefund = can(user.role, 'refund');
  const methodLabel = methodRules(payment.method).label;
  return (
    <section
      aria-labelledby="refund-panel-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:p-5"
    >
      <AutoRefresh active={moving} />
      <h2 id="refund-panel-heading" className="text-base font-semibold text-slate-900">
        Refund
      </h2>
      <div className="mt-3">
        {!mayRefund ? (
          <p className="text-sm text-slate-600">
            Your role ({ROLE_LABELS[user.role]}) can see refunds but not make them. An admin can give you the Refunder
            role.
          </p>
        ) : (
          <>
            {!state.blockedReason && state.warnings.length > 0 && (
              <ul
                data-testid="refund-warnings"
                className="mb-3 space-y-1 rounded-md border border-amber-300 bg-amber-50/70 px-3 py-2 text-sm text-amber-950"
              >
                {state.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            <RefundArea
              action={refundPaymentAction}
              blockedReason={state.blockedReason}
              banners={Object.fromEntries(
                payment.refunds.map((r) => [
                  r.refundRequestId,
                  refundBanner(r.status as RefundStatus, r.amountValue, r.currency),
                ]),
              )}
              form={{
                paymentId: payment.paymentId,
                paid: payment.amountValue,
                format: amountFormat(payment.currency),
                hint: amountHint(payment.currency),
                refundable: state.refundable,
                methodLabel,
                // A new key for every rendering of the form: a double click or a resubmitted form is one refund.
                idempotencyKey: randomUUID(),
                parts: {
                  howMuch: (
                    <fieldset>
                      <legend className="text-sm font-medium text-slate-700">How much</legend>
                      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                        <label className="flex items-center gap-2 text-sm">
                          <input
                            id={REFUND_START}
                            type="radio"
                            name="modeChoice"
                            value="full"
                            defaultChecked
                            className="h-4 w-4 accent-blue-700"
                          />
                          Everything left: {formatAmount(state.refundable, payment.currency)}
                        </label>
                        <label className={`flex items-center gap-2 text-sm ${state.fullOnly ? 'text-slate-400' : ''}`}>
                          <input
                            type="radio"
                            name="modeChoice"
                            value="partial"
                            disabled={state.fullOnly}
                            className="h-4 w-4 accent-blue-700"
                          />
                          Part of it{' '}
                          {state.fullOnly && <span className="text-xs">({methodLabel} refunds only in full)</span>}
                        </label>
                      </div>
                    </fieldset>
                  ),
                  reason: (
                    <div>
                      <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-700">
                        Reason <span className="font-normal text-slate-500">(optional, sent to Antom)</span>
                      </label>
                      <select
                        id="refund-reason"
                        name="reasonCode"
                        defaultValue=""
                        className={`${fieldLooks.input} ${fieldLooks.okInput} bg-white`}
                      >
                        <option value="">No reason given</option>
                        {REFUND_REASON_CODES.map((code) => (
                          <option key={code} value={code}>
                            {REFUND_REASON_LABELS[code]}
                          </option>
                        ))}
                      </select>
                    </div>
                  ),
                },
              }}
            />
          </>
        )}
      </div>
      {payment.channel === 'IN_STORE' && mayRefund && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <ActionButton
            action={refreshPaymentAction}
            fields={{ paymentId: payment.paymentId }}
            stepUpId="refresh-step-up"
            busy="Asking Antom…"
            className="gap-3"
          >
            Refresh from Antom
          </ActionButton>
        </div>
      )}
    </section>
  );
}
