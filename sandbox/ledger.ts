// The sandbox's own books: payments it knows, every refund request it received, and the
// notifications it owes. Never the dashboard's tables: like the real Antom, it only knows what it
// was told over the wire (or seeded with from the same demo dataset). Persisted as one JSON file.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PaymentState, RefundState } from '../lib/antom';

export type SandboxChannel = 'ONLINE' | 'IN_STORE';

export interface SandboxPayment {
  paymentId: string;
  paymentRequestId: string;
  channel: SandboxChannel;
  amountValue: number;
  currency: string;
  method: string;
  status: PaymentState;
  createdAt: string;
  paidAt: string | null;
  /** A payment taken here (sandbox/payments.ts) that is not final yet ends then, as `outcome`. */
  settlesAt?: string | null;
  outcome?: 'SUCCESS' | 'FAIL';
  /** Where its notifyPayment goes (the pay request's paymentNotifyUrl); null: the sandbox's default. */
  notifyUrl?: string | null;
}

export interface SandboxRefund {
  refundRequestId: string;
  /** Null for a request refused up front: Antom never created a refund for it. */
  refundId: string | null;
  paymentId: string;
  channel: SandboxChannel;
  amountValue: number;
  currency: string;
  /** The amount as the request gave it (null: an in-store full refund), for idempotency checks. */
  requestedValue: number | null;
  status: RefundState;
  /** Canonical result code of the answer (SUCCESS, REFUND_IN_PROCESS, or why it failed). */
  resultCode: string;
  /** False for a refused request: it holds no money and inquiries do not find it. */
  accepted: boolean;
  /** How many times this request was applied to the payment's balance. Must never exceed 1. */
  applied: number;
  /** How many times this refundRequestId arrived. */
  received: number;
  notifyUrl: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** A PROCESSING refund ends then, not after the usual delay (seeded demo refunds held by the issuer). */
  settlesAt?: string | null;
}

export type DeliveryState = 'PENDING' | 'ACKED' | 'GAVE_UP' | 'LOST' | 'NO_URL';

export interface DeliveryAttempt {
  at: string;
  httpStatus: number | null;
  acknowledged: boolean;
  copies: number;
  badSignature: boolean;
  error: string | null;
}

export interface NotificationDelivery {
  id: string;
  /** notifyRefund (also when absent: ledgers written before payments were taken here) or notifyPayment. */
  kind?: 'REFUND' | 'PAYMENT';
  /** The refund a notifyRefund is about. */
  refundRequestId?: string;
  /** The payment a notifyPayment is about. */
  paymentId?: string;
  url: string | null;
  /** The notification body, unsigned; each attempt signs it afresh with a new request-time. */
  body: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** When the next attempt is due (ISO), while PENDING. */
  nextAt: string | null;
}

interface LedgerFile {
  version: 1;
  seededWith: { anchor: string; count: number } | null;
  payments: SandboxPayment[];
  refunds: SandboxRefund[];
  notifications: NotificationDelivery[];
}

export class Ledger {
  readonly payments = new Map<string, SandboxPayment>();
  readonly refunds = new Map<string, SandboxRefund>();
  readonly notifications: NotificationDelivery[] = [];
  seededWith: LedgerFile['seededWith'] = null;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;

  /** `file` null keeps everything in memory. */
  constructor(private readonly file: string | null) {}

  /** False when there was nothing on disk (a first start). */
  async load(): Promise<boolean> {
    if (!this.file) return false;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    let data: LedgerFile;
    try {
      data = JSON.parse(text) as LedgerFile;
    } catch {
      throw new Error(`The sandbox ledger ${this.file} is not valid JSON; move it away to start afresh.`);
    }
    if (data.version !== 1) throw new Error(`The sandbox ledger ${this.file} has an unknown version.`);
    this.seededWith = data.seededWith;
    for (const p of data.payments) this.payments.set(p.paymentId, p);
    for (const r of data.refunds) this.refunds.set(r.refundRequestId, r);
    this.notifications.push(...data.notifications);
    return true;
  }

  paymentByRequestId(paymentRequestId: string): SandboxPayment | undefined {
    for (const p of this.payments.values()) if (p.paymentRequestId === paymentRequestId) return p;
    return undefined;
  }

  refundById(refundId: string): SandboxRefund | undefined {
    for (const r of this.refunds.values()) if (r.accepted && r.refundId === refundId) return r;
    return undefined;
  }

  acceptedRefundsOf(paymentId: string): SandboxRefund[] {
    return [...this.refunds.values()].filter((r) => r.accepted && r.paymentId === paymentId);
  }

  /** Refunds that hold money against the payment: accepted and not failed. */
  heldValue(paymentId: string): number {
    return this.acceptedRefundsOf(paymentId)
      .filter((r) => r.status !== 'FAILED')
      .reduce((sum, r) => sum + r.amountValue, 0);
  }

  refundedValue(paymentId: string): number {
    return this.acceptedRefundsOf(paymentId)
      .filter((r) => r.status === 'SUCCESS')
      .reduce((sum, r) => sum + r.amountValue, 0);
  }

  /** Schedules a write; writes are serialised and each one replaces the file atomically. */
  changed(): void {
    if (!this.file || this.dirty || this.closed) return;
    this.dirty = true;
    this.saving = this.saving.then(() =>
      new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.dirty = false;
        await this.write();
      }),
    );
  }

  async flush(): Promise<void> {
    await this.saving;
  }

  /** Writes what is pending; later changes (a delivery finishing after stop) stay in memory. */
  async close(): Promise<void> {
    this.closed = true;
    await this.saving;
  }

  private async write(): Promise<void> {
    if (!this.file) return;
    const data: LedgerFile = {
      version: 1,
      seededWith: this.seededWith,
      payments: [...this.payments.values()],
      refunds: [...this.refunds.values()],
      notifications: this.notifications,
    };
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, this.file);
  }
}
