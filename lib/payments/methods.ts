// What we know of each payment method's refund rules. Antom enforces these itself (and the sandbox
// plays Antom with the same table); the refund engine checks them first so that a person learns
// why before anything is sent. A method missing here is refundable as far as we know: Antom decides.

export type MethodKind = 'WALLET' | 'CARD' | 'CASH_VOUCHER';

export interface MethodRules {
  /** Antom's paymentMethodType. */
  method: string;
  label: string;
  kind: MethodKind;
  refundable: boolean;
  partialRefunds: boolean;
  /** At most one refund per payment. */
  singleRefund: boolean;
  /** Refunds accepted up to this many days after the payment; null when unlimited or unknown. */
  refundWindowDays: number | null;
  /** Wallets answer a refund at once; cards finish later (REFUND_IN_PROCESS, then notifyRefund). */
  synchronousRefund: boolean;
}

const wallet = (method: string, label: string, extra: Partial<MethodRules> = {}): MethodRules => ({
  method,
  label,
  kind: 'WALLET',
  refundable: true,
  partialRefunds: true,
  singleRefund: false,
  refundWindowDays: 365,
  synchronousRefund: true,
  ...extra,
});

export const PAYMENT_METHODS: readonly MethodRules[] = [
  wallet('ALIPAY_CN', 'Alipay'),
  wallet('ALIPAY_HK', 'AlipayHK'),
  wallet('GCASH', 'GCash', { refundWindowDays: 180 }),
  wallet('KAKAOPAY', 'KakaoPay'),
  wallet('TNG', "Touch 'n Go eWallet", { refundWindowDays: 90 }),
  wallet('TRUEMONEY', 'TrueMoney', { partialRefunds: false }),
  wallet('DANA', 'DANA', { singleRefund: true }),
  {
    method: 'CARD',
    label: 'Card',
    kind: 'CARD',
    refundable: true,
    partialRefunds: true,
    singleRefund: false,
    refundWindowDays: 365,
    synchronousRefund: false,
  },
  {
    method: 'KONBINI',
    label: 'Konbini',
    kind: 'CASH_VOUCHER',
    refundable: false,
    partialRefunds: false,
    singleRefund: false,
    refundWindowDays: null,
    synchronousRefund: false,
  },
];

const BY_METHOD = new Map(PAYMENT_METHODS.map((m) => [m.method, m]));

export function methodRules(method: string): MethodRules {
  return (
    BY_METHOD.get(method) ?? {
      method,
      label: method,
      kind: 'WALLET',
      refundable: true,
      partialRefunds: true,
      singleRefund: false,
      refundWindowDays: null,
      synchronousRefund: true,
    }
  );
}
