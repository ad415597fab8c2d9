// The sandbox's control surface under /__sandbox/ (no signatures: it listens on 127.0.0.1 unless told otherwise):
//   GET    /__sandbox/health                      { ok, clientId }
//   POST   /__sandbox/payments                    register a payment the dashboard created
//   POST   /__sandbox/payments/take               take a payment as Antom would (sandbox/payments.ts):
//          { method, amountValue, currency, channel?, paymentRequestId?, delayMs?, pendingFirst?, outcome?, notifyUrl? }
//   POST   /__sandbox/payments/settle             { paymentId }: end an online payment in process now
//   GET    /__sandbox/ledger[?paymentId=&refundRequestId=]   payments (held/refunded), refunds (applied, received), notifications
//   GET    /__sandbox/faults                      the active fault rules
//   POST   /__sandbox/faults                      { faults: FaultRule[], replace?: boolean }
//   DELETE /__sandbox/faults  (or POST /__sandbox/faults/reset)   { faults: [], removed: the rules with their fired counts }
//   GET    /__sandbox/config                      where notifications go, and the delays
//   POST   /__sandbox/config                      { notifyUrl?, asyncDelayMs?, paymentNotifyUrl?, paymentDelayMs? }
//   POST   /__sandbox/refunds/finalize            { refundRequestId, status?: SUCCESS | FAILED }: end an async refund now
//   GET    /__sandbox/reports?date=YYYY-MM-DD&kind=transactions|settlement[&plant=drop-refund,change-amount,external-refund,cut]
//          Antom's transaction or settlement details report for that day (UTC) from the ledger, as CSV (reports.ts)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { currencySchema, minorValueSchema } from '../lib/antom';
import type { SandboxAntom } from './antom';
import { faultRuleSchema, type Faults } from './faults';
import type { Ledger, SandboxPayment } from './ledger';
import { PaymentRefused, takePaymentSchema, type SandboxPayments } from './payments';
import { parsePlants, writeReport } from './reports';

export const registerPaymentSchema = z.object({
  paymentId: z.string().min(1).max(64),
  paymentRequestId: z.string().min(1).max(64),
  channel: z.enum(['ONLINE', 'IN_STORE']),
  amountValue: minorValueSchema,
  currency: currencySchema,
  method: z.string().min(1).max(64),
  status: z.enum(['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING']).default('SUCCESS'),
  createdAt: z.iso.datetime({ offset: true }).optional(),
  paidAt: z.iso.datetime({ offset: true }).nullish(),
});
export type RegisterPaymentInput = z.input<typeof registerPaymentSchema>;

const faultsBodySchema = z.object({ faults: z.array(faultRuleSchema), replace: z.boolean().optional() });
const configBodySchema = z.object({
  notifyUrl: z.url().nullable().optional(),
  asyncDelayMs: z.number().int().min(0).max(3_600_000).optional(),
  paymentNotifyUrl: z.url().nullable().optional(),
  paymentDelayMs: z.number().int().min(0).max(3_600_000).optional(),
});
const settleBodySchema = z.object({ paymentId: z.string().min(1).max(64) });
const finalizeBodySchema = z.object({
  refundRequestId: z.string().min(1).max(64),
  status: z.enum(['SUCCESS', 'FAILED']).optional(),
});

export interface AdminContext {
  ledger: Ledger;
  faults: Faults;
  antom: SandboxAntom;
  payments: SandboxPayments;
  clientId: string;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function parse<S extends z.ZodType>(
  schema: S,
  text: string,
): { ok: true; data: z.output<S> } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return { ok: false, error: 'body is not JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
}

const sameMoney = (a: SandboxPayment, b: SandboxPayment) =>
  a.paymentRequestId === b.paymentRequestId &&
  a.channel === b.channel &&
  a.amountValue === b.amountValue &&
  a.currency === b.currency &&
  a.method === b.method;

function registerPayment(
  ctx: AdminContext,
  input: z.output<typeof registerPaymentSchema>,
): { status: number; body: unknown } {
  const createdAt = input.createdAt ?? new Date().toISOString();
  const payment: SandboxPayment = {
    ...input,
    createdAt,
    paidAt: input.paidAt !== undefined ? input.paidAt : input.status === 'SUCCESS' ? createdAt : null,
  };
  const existing = ctx.ledger.payments.get(payment.paymentId);
  // Registering again is fine (a test or the launcher may repeat itself); changing the money is not.
  if (existing && !sameMoney(existing, payment))
    return { status: 409, body: { error: `payment ${payment.paymentId} is registered with other details` } };
  const clash = ctx.ledger.paymentByRequestId(payment.paymentRequestId);
  if (clash && clash.paymentId !== payment.paymentId)
    return {
      status: 409,
      body: { error: `paymentRequestId ${payment.paymentRequestId} belongs to ${clash.paymentId}` },
    };
  ctx.ledger.payments.set(payment.paymentId, payment);
  ctx.ledger.changed();
  return { status: existing ? 200 : 201, body: payment };
}

function ledgerView(ctx: AdminContext, url: URL) {
  const paymentId = url.searchParams.get('paymentId');
  const refundRequestId = url.searchParams.get('refundRequestId');
  const refunds = [...ctx.ledger.refunds.values()].filter(
    (r) => (!paymentId || r.paymentId === paymentId) && (!refundRequestId || r.refundRequestId === refundRequestId),
  );
  const paymentIds = new Set(
    refundRequestId ? refunds.map((r) => r.paymentId) : paymentId ? [paymentId] : ctx.ledger.payments.keys(),
  );
  const refundIds = new Set(refunds.map((r) => r.refundRequestId));
  return {
    seededWith: ctx.ledger.seededWith,
    payments: [...paymentIds].flatMap((id) => {
      const p = ctx.ledger.payments.get(id);
      return p ? [{ ...p, heldValue: ctx.ledger.heldValue(id), refundedValue: ctx.ledger.refundedValue(id) }] : [];
    }),
    refunds,
    notifications: ctx.ledger.notifications.filter(
      (n) =>
        (!paymentId && !refundRequestId) ||
        (n.refundRequestId !== undefined && refundIds.has(n.refundRequestId)) ||
        (!refundRequestId && n.paymentId === paymentId),
    ),
  };
}

export function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
): void {
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  const withBody = <S extends z.ZodType>(schema: S, then: (data: z.output<S>) => void) => {
    const parsed = parse(schema, body);
    if (parsed.ok) then(parsed.data);
    else send(res, 400, { error: parsed.error });
  };
  switch (route) {
    case 'GET /__sandbox/health':
      return send(res, 200, { ok: true, clientId: ctx.clientId });
    case 'POST /__sandbox/payments':
      return withBody(registerPaymentSchema, (p) => {
        const { status, body: out } = registerPayment(ctx, p);
        send(res, status, out);
      });
    case 'POST /__sandbox/payments/take':
      return withBody(takePaymentSchema, (input) => {
        try {
          send(res, 201, ctx.payments.take(input));
        } catch (error) {
          if (!(error instanceof PaymentRefused)) throw error;
          send(res, 409, { error: error.message });
        }
      });
    case 'POST /__sandbox/payments/settle':
      return withBody(settleBodySchema, ({ paymentId }) => {
        ctx.payments.settle(paymentId).then(
          (p) => (p ? send(res, 200, p) : send(res, 404, { error: `no online payment ${paymentId} in process` })),
          (error: unknown) => send(res, 500, { error: String(error) }),
        );
      });
    case 'GET /__sandbox/ledger':
      return send(res, 200, ledgerView(ctx, url));
    case 'GET /__sandbox/faults':
      return send(res, 200, { faults: ctx.faults.list() });
    case 'POST /__sandbox/faults':
      return withBody(faultsBodySchema, ({ faults, replace }) => {
        if (replace) ctx.faults.reset();
        ctx.faults.add(faults);
        send(res, 200, { faults: ctx.faults.list() });
      });
    case 'DELETE /__sandbox/faults':
    case 'POST /__sandbox/faults/reset':
      return send(res, 200, { faults: [], removed: ctx.faults.reset() });
    case 'GET /__sandbox/config':
      return send(res, 200, {
        notifyUrl: ctx.antom.o.notifyUrl,
        asyncDelayMs: ctx.antom.o.asyncDelayMs,
        paymentNotifyUrl: ctx.payments.o.notifyUrl,
        paymentDelayMs: ctx.payments.o.delayMs,
      });
    case 'POST /__sandbox/config':
      return withBody(configBodySchema, (c) => {
        if (c.notifyUrl !== undefined) ctx.antom.o.notifyUrl = c.notifyUrl;
        if (c.asyncDelayMs !== undefined) ctx.antom.o.asyncDelayMs = c.asyncDelayMs;
        if (c.paymentNotifyUrl !== undefined) ctx.payments.o.notifyUrl = c.paymentNotifyUrl;
        if (c.paymentDelayMs !== undefined) ctx.payments.o.delayMs = c.paymentDelayMs;
        send(res, 200, {
          notifyUrl: ctx.antom.o.notifyUrl,
          asyncDelayMs: ctx.antom.o.asyncDelayMs,
          paymentNotifyUrl: ctx.payments.o.notifyUrl,
          paymentDelayMs: ctx.payments.o.delayMs,
        });
      });
    case 'POST /__sandbox/refunds/finalize':
      return withBody(finalizeBodySchema, ({ refundRequestId, status }) => {
        const delivery = ctx.antom.finalize(refundRequestId, status);
        if (!delivery) send(res, 404, { error: `no refund ${refundRequestId} in process` });
        else send(res, 200, { refund: ctx.ledger.refunds.get(refundRequestId), notification: delivery });
      });
    case 'GET /__sandbox/reports': {
      const kind = url.searchParams.get('kind') ?? 'transactions';
      if (kind !== 'transactions' && kind !== 'settlement')
        return send(res, 400, { error: 'kind must be transactions or settlement' });
      try {
        const report = writeReport({
          date: url.searchParams.get('date') ?? new Date().toISOString().slice(0, 10),
          kind: kind === 'settlement' ? 'SETTLEMENT' : 'TRANSACTIONS',
          plants: parsePlants(url.searchParams.get('plant')),
          payments: ctx.ledger.payments.values(),
          refunds: ctx.ledger.refunds.values(),
        });
        res.writeHead(200, {
          'content-type': 'text/csv; charset=UTF-8',
          'content-disposition': `attachment; filename="${report.fileName}"`,
          'x-sandbox-planted': JSON.stringify(report.planted),
        });
        res.end(report.text);
        return;
      } catch (error) {
        return send(res, 400, { error: (error as Error).message });
      }
    }
    default:
      return send(res, 404, { error: `no admin route ${route}` });
  }
}
