// The audit log in words: each entry as one sentence a support person reads aloud ("Ada Admin
// refunded $50.00 of payment 2026…"), and what it is about (the refund, the payment or the person it
// changed) as its subject. Pure: the audit page and its tests use the same function. An action this
// file does not know yet still reads as a sentence, from its name and details.
import { ROLE_LABELS, type Role } from '../auth/roles';
import { formatAmount } from '../money';
import { REFUND_STATUS_WORDS, type RefundStatus } from '../refunds/states';
import type { AuditListRow } from './queries';

export type AuditSubject =
  | { kind: 'refund'; id: string; href: string }
  | { kind: 'payment'; id: string; href: string }
  | { kind: 'person'; label: string; href: string };

export interface AuditWords {
  sentence: string;
  subject: AuditSubject | null;
}

type Entry = Pick<AuditListRow, 'actorType' | 'actor' | 'action' | 'refundRequestId' | 'paymentId' | 'details'>;

const CAUSE: Record<string, string> = {
  ANTOM_RESPONSE: "on Antom's answer",
  NOTIFICATION: "on Antom's notification",
  RECONCILER: 'by the status checker',
  SYSTEM: 'by the system',
  USER: 'by a person',
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function who(e: Entry): string {
  if (e.actor) return e.actor.name || e.actor.email;
  return e.actorType === 'ANTOM' ? 'Antom' : 'The system';
}

function refundStatus(v: unknown): string {
  const s = text(v);
  return s && s in REFUND_STATUS_WORDS ? REFUND_STATUS_WORDS[s as RefundStatus].label : (s ?? 'unknown');
}

function roleLabel(v: unknown): string {
  const r = text(v);
  return r && r in ROLE_LABELS ? ROLE_LABELS[r as Role] : (r ?? 'unknown');
}

function amountOf(d: Record<string, unknown>): string | null {
  if (typeof d.amountValue === 'number' && typeof d.currency === 'string') {
    try {
      return formatAmount(d.amountValue, d.currency);
    } catch {
      return `${d.amountValue} ${d.currency} (minor units)`;
    }
  }
  return null;
}

function subjectOf(e: Entry): AuditSubject | null {
  if (e.refundRequestId)
    return { kind: 'refund', id: e.refundRequestId, href: `/refunds/${encodeURIComponent(e.refundRequestId)}` };
  // The person an account change was about (not who made it: that is the sentence's subject).
  const email = text(e.details.email);
  if (e.action.startsWith('user.') && email) return { kind: 'person', label: email, href: '/users' };
  if (e.paymentId)
    return { kind: 'payment', id: e.paymentId, href: `/transactions/${encodeURIComponent(e.paymentId)}` };
  return null;
}

/** The whole details as words, for actions without a sentence of their own. */
function detailsInWords(d: Record<string, unknown>): string {
  const parts = Object.entries(d).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const joined = parts.join(', ');
  return joined.length > 160 ? `${joined.slice(0, 157)}…` : joined;
}

function sentenceOf(e: Entry): string {
  const d = e.details;
  const name = who(e);
  const refund = e.refundRequestId ? `refund ${e.refundRequestId}` : 'a refund';
  const payment = e.paymentId ? `payment ${e.paymentId}` : 'a payment';
  const person = text(d.email) ?? 'an account';
  switch (e.action) {
    case 'refund.requested': {
      const reason = text(d.reason);
      return `${name} refunded ${amountOf(d) ?? 'an amount'} of ${payment}${reason ? ` (reason: “${reason}”)` : ''}`;
    }
    case 'refund.status_changed': {
      const code = text(d.resultCode);
      const cause = CAUSE[String(d.cause)] ?? '';
      return `${refund[0]!.toUpperCase()}${refund.slice(1)} went from ${refundStatus(d.from)} to ${refundStatus(d.to)}${cause ? ` ${cause}` : ''}${code ? ` (${code})` : ''}`;
    }
    case 'refund.check_requested':
      return `${name} asked Antom for the status of ${refund}`;
    case 'refund.retry_requested':
      return `${name} sent ${refund} again with the same request id`;
    case 'refunds.exported':
      return `${name} exported the refunds list as CSV${filtersInWords(d.filters)}`;
    case 'payments.exported':
      return `${name} exported the transactions list as CSV${filtersInWords(d.filters)}`;
    case 'payment.lookup': {
      // "Look it up at Antom": the id, what came of it, and Antom's answer to each question asked.
      const asked = Array.isArray(d.asked) ? (d.asked as { channel?: string; by?: string; answer?: string }[]) : [];
      const answers = asked.map((a) => `${a.channel === 'IN_STORE' ? 'in store' : 'online'} by ${a.by}: ${a.answer}`);
      const outcome = [text(d.outcome) ?? 'no answer', text(d.status)].filter(Boolean).join(' ');
      return [
        `${name} looked up ${text(d.id) ?? 'an id'} at Antom: ${outcome}`,
        ...answers,
        text(d.via) ? `via ${String(d.via)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'payment.imported':
      return `${name} imported ${payment} from Antom${text(d.to) ? ` as ${String(d.to)}` : ''}`;
    case 'payment.refreshed':
      return `${name} refreshed ${payment} from Antom${text(d.from) && text(d.to) ? `: ${String(d.from)} → ${String(d.to)}` : ''}`;
    case 'payments.imported_from_report':
      return `${name} imported ${typeof d.count === 'number' ? d.count : 'some'} payments from Antom's report ${text(d.fileName) ?? ''}`.trimEnd();
    case 'reconciliation.run':
      return `${name} reconciled ${text(d.from) ?? '?'} to ${text(d.to) ?? '?'} with Antom's reports`;
    case 'reconciliation.explained':
      return `${name} marked a difference (${text(d.kind) ?? 'unknown kind'}) as explained${text(d.note) ? `: “${String(d.note)}”` : ''}`;
    case 'user.created':
      return `${name} created an account for ${person} as ${roleLabel(d.role)}`;
    case 'user.role_changed':
      return `${name} changed ${person}'s role from ${roleLabel(d.from)} to ${roleLabel(d.to)}`;
    case 'user.deactivated':
      return `${name} deactivated ${person}`;
    case 'user.reactivated':
      return `${name} reactivated ${person}`;
    case 'user.password_reset':
      return `${name} gave ${person} a new one-time password`;
    case 'user.two_factor_reset':
      return `${name} removed ${person}'s second factor`;
    case 'user.password_changed':
      return `${name} changed their own password`;
    case 'user.password_change_refused':
      return `${name} tried to change their password; it was refused`;
    case 'auth.login':
      return `${name} signed in`;
    case 'auth.logout':
      return `${name} signed out`;
    case 'auth.login_failed':
      return `A sign-in as ${text(d.email) ?? 'someone'} failed (${String(d.reason ?? 'unknown').replaceAll('_', ' ')})`;
    case 'auth.login_throttled':
      return `Sign-ins as ${text(d.email) ?? 'someone'} were paused after too many failures`;
    case 'auth.action_denied':
      return `${name} was refused “${text(d.action) ?? 'an action'}” (needs ${text(d.permission) ?? 'another role'})`;
    case 'settings.step_up_threshold_set':
      return `${name} set the confirmation threshold for ${text(d.currency) ?? '?'} refunds to ${text(d.shown) ?? '?'}`;
    case 'settings.step_up_threshold_removed':
      return `${name} removed the confirmation threshold for ${text(d.currency) ?? '?'} refunds`;
    case 'settings.two_factor_required_changed':
      return `${name} made two-factor sign-in ${d.required ? 'required' : 'optional'} for ${roleLabel(d.role)}s`;
    default: {
      const rest = detailsInWords(d);
      return `${name}: ${e.action.replaceAll(/[._]/g, ' ')}${rest ? ` (${rest})` : ''}`;
    }
  }
}

function filtersInWords(filters: unknown): string {
  if (!filters || typeof filters !== 'object') return '';
  const parts = Object.entries(filters as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' && v !== '')
    .map(([k, v]) => `${k} ${String(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** An audit entry as a sentence, with what it is about. */
export function auditInWords(e: Entry): AuditWords {
  return { sentence: sentenceOf(e), subject: subjectOf(e) };
}
