// A typed client for the sandbox's admin routes, for tests and the app's launcher.
import type { RegisterPaymentInput } from './admin';
import type { ActiveRule, FaultRule } from './faults';
import type { NotificationDelivery, SandboxPayment, SandboxRefund } from './ledger';
import type { TakePaymentInput } from './payments';

export interface LedgerView {
  seededWith: { anchor: string; count: number } | null;
  payments: (SandboxPayment & { heldValue: number; refundedValue: number })[];
  refunds: SandboxRefund[];
  notifications: NotificationDelivery[];
}

export interface SandboxAdmin {
  registerPayment(payment: RegisterPaymentInput): Promise<SandboxPayment>;
  /** Takes a payment as Antom would: online, its notifyPayment follows (sandbox/payments.ts). */
  takePayment(payment: TakePaymentInput): Promise<SandboxPayment>;
  /** Ends an online payment in process now, notifying its result. */
  settlePayment(paymentId: string): Promise<SandboxPayment>;
  ledger(filter?: { paymentId?: string; refundRequestId?: string }): Promise<LedgerView>;
  refund(refundRequestId: string): Promise<SandboxRefund | undefined>;
  setFaults(faults: FaultRule[], options?: { replace?: boolean }): Promise<void>;
  /** Turns every fault off; returns the rules that were set, each with how many times it fired. */
  resetFaults(): Promise<ActiveRule[]>;
  configure(config: {
    notifyUrl?: string | null;
    asyncDelayMs?: number;
    paymentNotifyUrl?: string | null;
    paymentDelayMs?: number;
  }): Promise<void>;
  finalizeRefund(refundRequestId: string, status?: 'SUCCESS' | 'FAILED'): Promise<void>;
}

export function sandboxAdmin(baseUrl: string): SandboxAdmin {
  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/__sandbox/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const admin: SandboxAdmin = {
    registerPayment: (payment) => call('POST', 'payments', payment),
    takePayment: (payment) => call('POST', 'payments/take', payment),
    settlePayment: (paymentId) => call('POST', 'payments/settle', { paymentId }),
    ledger: (filter = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      return call('GET', `ledger${query.size ? `?${query}` : ''}`);
    },
    refund: async (refundRequestId) => (await admin.ledger({ refundRequestId })).refunds[0],
    setFaults: async (faults, options = {}) => void (await call('POST', 'faults', { faults, ...options })),
    resetFaults: async () => (await call<{ removed: ActiveRule[] }>('DELETE', 'faults')).removed,
    configure: async (config) => void (await call('POST', 'config', config)),
    finalizeRefund: async (refundRequestId, status) =>
      void (await call('POST', 'refunds/finalize', { refundRequestId, status })),
  };
  return admin;
}
