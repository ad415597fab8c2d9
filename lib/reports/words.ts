// What each reconciliation difference means, and what a person should do about it.
import type { DifferenceKind } from './reconcile';

export const DIFFERENCE_WORDS: Record<DifferenceKind, { label: string; means: string; todo: string }> = {
  MISSING_AT_ANTOM: {
    label: 'Missing at Antom',
    means: "This dashboard holds the refund as refunded, but Antom's transaction report for its day does not list it.",
    todo: 'Before T+2 it may still come in a later report. After that, open the refund and check its status with Antom; if Antom never made it, the buyer was not refunded.',
  },
  EXTERNAL_REFUND: {
    label: 'Refund made outside',
    means:
      "Antom refunded this payment, but not through this dashboard (Antom Dashboard, the merchant's own backend, another tool).",
    todo: 'It is counted against the payment so nobody refunds that money again. Find who made it; if it could not be counted, check the payment by hand.',
  },
  AMOUNT_DIFFERS: {
    label: 'Amount differs',
    means: 'Antom reports another amount or currency than this dashboard holds.',
    todo: 'Compare the refund or payment with Antom Dashboard. If Antom moved more money than ours, the difference was refunded without a record here.',
  },
  STATUS_DIFFERS: {
    label: 'Refund status differs',
    means: "Antom's final word on the refund is not the status this dashboard holds.",
    todo: 'Open the refund and check its status with Antom now. A refund Antom made while this dashboard holds it FAILED is money out that this dashboard offers again.',
  },
  PAYMENT_STATUS_DIFFERS: {
    label: 'Payment status differs',
    means: 'Antom reports another status for the payment than this dashboard holds (or a payment it could not import).',
    todo: 'Open the payment and refresh it from Antom.',
  },
};
