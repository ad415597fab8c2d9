// A payment's states and channels, with the words every screen, filter and CSV uses for them: the
// one TypeScript definition (the database's are Prisma's enums "PaymentStatus" and "Channel"; the
// checks below fail the type check when they differ). Colours belong to components/status-badge.tsx.
import type { $Enums } from '../generated/prisma/client';

export const PAYMENT_STATUSES = ['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const CHANNELS = ['ONLINE', 'IN_STORE'] as const;
export type Channel = (typeof CHANNELS)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDatabase: [Same<PaymentStatus, $Enums.PaymentStatus>, Same<Channel, $Enums.Channel>] = [true, true];
void sameAsDatabase;

export const PAYMENT_STATUS_WORDS: Record<PaymentStatus, { label: string; hint: string }> = {
  SUCCESS: { label: 'Succeeded', hint: 'The payment was completed.' },
  FAIL: { label: 'Failed', hint: 'The payment did not go through.' },
  PROCESSING: { label: 'Processing', hint: 'The payment is still being processed.' },
  PENDING: { label: 'Pending', hint: 'Waiting for the customer or the payment method.' },
  CANCELLED: { label: 'Cancelled', hint: 'The payment was cancelled.' },
};

export const CHANNEL_LABELS: Record<Channel, string> = { ONLINE: 'Online', IN_STORE: 'In-store' };
