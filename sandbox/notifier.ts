// Delivers notifyRefund and notifyPayment the way Antom does: signed with Antom's key, sent when a
// refund becomes final or a payment moves, and sent again on Antom's schedule until the merchant
// answers with the fixed acknowledgement (the same for both).
import { randomUUID } from 'node:crypto';
import { HttpFailure, NOTIFY_ACK, postText, signedHeaders } from '../lib/antom';
import type { Faults } from './faults';
import type { DeliveryAttempt, Ledger, NotificationDelivery } from './ledger';
import type { KeyPair } from './keys';

/** Antom's documented gaps between attempts: 0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h. */
export const ANTOM_NOTIFY_SCHEDULE_MS: readonly number[] = [0, 2, 10, 10, 60, 120, 360, 900].map((m) => m * 60_000);

export interface NotifierOptions {
  ledger: Ledger;
  faults: Faults;
  antomKey: KeyPair;
  /** A wrong key for notifyBadSignature. */
  wrongKey: KeyPair;
  clientId: string;
  keyVersion: number;
  schedule: readonly number[];
  timeoutMs: number;
  log: (line: string) => void;
}

function isAck(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const r = (JSON.parse(body) as { result?: Record<string, unknown> }).result;
    const want = NOTIFY_ACK.result;
    return (
      !!r &&
      r.resultCode === want.resultCode &&
      r.resultStatus === want.resultStatus &&
      r.resultMessage === want.resultMessage
    );
  } catch {
    return false;
  }
}

/** What a notification is about: a refund (notifyRefund) or a payment (notifyPayment). */
export type NotificationSubject = { kind: 'REFUND'; refundRequestId: string } | { kind: 'PAYMENT'; paymentId: string };

/** The name a delivery's faults may be scoped to (a fault rule's `apis`), and its log label. */
const API_OF = { REFUND: 'notifyRefund', PAYMENT: 'notifyPayment' } as const;
const apiOf = (d: NotificationDelivery) => API_OF[d.kind ?? 'REFUND'];
const label = (d: NotificationDelivery) => `${apiOf(d)} ${d.kind === 'PAYMENT' ? d.paymentId : d.refundRequestId}`;

export class Notifier {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly o: NotifierOptions) {}

  /**
   * Queues a notification: a refund that just became final, or a payment that moved. `hold` leaves
   * the first attempt to deliverNow (a delivery whose order the caller decides).
   */
  enqueue(
    subject: NotificationSubject,
    url: string | null,
    body: object,
    options: { hold?: boolean } = {},
  ): NotificationDelivery {
    const delivery: NotificationDelivery = {
      id: randomUUID(),
      ...subject,
      url,
      body: JSON.stringify(body),
      state: 'PENDING',
      attempts: [],
      nextAt: null,
    };
    const lost = this.o.faults.take('notifyLost', apiOf(delivery));
    delivery.state = !url ? 'NO_URL' : lost ? 'LOST' : 'PENDING';
    this.o.ledger.notifications.push(delivery);
    this.o.ledger.changed();
    if (delivery.state !== 'PENDING')
      this.o.log(`${label(delivery)}: ${delivery.state === 'LOST' ? 'lost (fault)' : 'no notify URL'}`);
    else if (!options.hold) this.schedule(delivery, this.o.schedule[0] ?? 0);
    return delivery;
  }

  /** After a restart: pick up deliveries that were still owed. */
  resume(): void {
    for (const d of this.o.ledger.notifications) {
      if (d.state !== 'PENDING') continue;
      const due = d.nextAt ? Date.parse(d.nextAt) - Date.now() : 0;
      this.schedule(d, Math.max(0, due));
    }
  }

  /** Sends the first attempt now and resolves when it is done (for out-of-order delivery). */
  async deliverNow(delivery: NotificationDelivery): Promise<void> {
    if (delivery.state === 'PENDING') await this.attempt(delivery);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(delivery: NotificationDelivery, delayMs: number): void {
    if (this.stopped) return;
    delivery.nextAt = new Date(Date.now() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delayMs);
    this.timers.add(timer);
  }

  private async send(
    url: URL,
    body: string,
    badSignature: boolean,
  ): Promise<{ status: number | null; acked: boolean; error: string | null }> {
    const key = badSignature ? this.o.wrongKey : this.o.antomKey;
    const path = url.pathname + url.search;
    const headers = {
      'content-type': 'application/json; charset=UTF-8',
      ...signedHeaders(
        { method: 'POST', path, clientId: this.o.clientId, time: String(Date.now()), body },
        key.privateKey,
        this.o.keyVersion,
      ),
    };
    try {
      const answer = await postText(url, headers, body, {
        connectTimeoutMs: this.o.timeoutMs,
        timeoutMs: this.o.timeoutMs,
      });
      return { status: answer.status, acked: isAck(answer.status, answer.body), error: null };
    } catch (error) {
      return { status: null, acked: false, error: error instanceof HttpFailure ? error.message : String(error) };
    }
  }

  private async attempt(delivery: NotificationDelivery): Promise<void> {
    if (this.stopped || delivery.state !== 'PENDING' || !delivery.url) return;
    delivery.nextAt = null;
    const badSignature = this.o.faults.take('notifyBadSignature', apiOf(delivery)) !== null;
    const copies = this.o.faults.take('notifyDuplicate', apiOf(delivery)) ? 2 : 1;
    const url = new URL(delivery.url);
    const results = await Promise.all(
      Array.from({ length: copies }, () => this.send(url, delivery.body, badSignature)),
    );
    const acked = results.some((r) => r.acked);
    const first = results[0]!;
    const attempt: DeliveryAttempt = {
      at: new Date().toISOString(),
      httpStatus: first.status,
      acknowledged: acked,
      copies,
      badSignature,
      error: first.error,
    };
    delivery.attempts.push(attempt);
    const next = this.o.schedule[delivery.attempts.length];
    if (acked) delivery.state = 'ACKED';
    else if (next === undefined) delivery.state = 'GAVE_UP';
    this.o.log(
      `${label(delivery)} attempt ${delivery.attempts.length}: ${acked ? 'acknowledged' : (first.error ?? `HTTP ${first.status}`)}`,
    );
    this.o.ledger.changed();
    if (delivery.state === 'PENDING' && next !== undefined) this.schedule(delivery, next);
  }
}
