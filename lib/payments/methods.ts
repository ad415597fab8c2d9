// What we know of each payment method's refund rules, and where each rule comes from.
//
// Antom enforces its rules itself and answers REFUND_WINDOW_EXCEED, PARTIAL_REFUND_NOT_SUPPORTED
// and so on. The dashboard refuses a refund before sending it only on a rule that Antom's own
// documentation states for that method (`sources` names the page). A rule without a source is what
// we believe but cannot show: the refund form warns about it and sends the refund anyway, and Antom
// decides. Antom's pages disagree across versions (the wallet table once listed PayPay without
// partial refunds; the current one lists them), so a rule is sourced only from a page read for it.
//
// The sandbox plays Antom with every rule here, sourced or not (sandbox/refund-rules.ts): that is
// how the unsourced path (warn, send, Antom refuses, plain words) is exercised.

export type MethodKind = 'WALLET' | 'CARD' | 'CASH_VOUCHER';

/** The rules the dashboard may check before sending a refund. */
export type MethodRuleName = 'refundable' | 'partialRefunds' | 'singleRefund' | 'refundWindowDays';

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
  /** Antom's documentation page for each rule the dashboard enforces. */
  sources: Partial<Record<MethodRuleName, string>>;
}

// Pages read for these rules (docs.antom.com, December 2026).
const ALIPAY_PLUS = 'https://docs.antom.com/ac/cashierpay/alipayplus';
const GCASH_PAGE = 'https://docs.antom.com/ac/antomop/gcash';
const TRUEMONEY_PAGE = 'https://docs.antom.com/ac/antomop/truemoney';
const KONBINI_PAGE = 'https://docs.antom.com/ac/antomop/Konbini_mdx';

const ALL_RULES: readonly MethodRuleName[] = ['refundable', 'partialRefunds', 'singleRefund', 'refundWindowDays'];
const sourcedBy = (page: string, rules: readonly MethodRuleName[] = ALL_RULES) =>
  Object.fromEntries(rules.map((r) => [r, page])) as Partial<Record<MethodRuleName, string>>;

const wallet = (method: string, label: string, extra: Partial<MethodRules> = {}): MethodRules => ({
  method,
  label,
  kind: 'WALLET',
  refundable: true,
  partialRefunds: true,
  singleRefund: false,
  refundWindowDays: 365,
  synchronousRefund: true,
  sources: {},
  ...extra,
});

export const PAYMENT_METHODS: readonly MethodRules[] = [
  // Alipay+ table: AlipayCN, refund ✔, partial refund ✔, refund period 365 days.
  wallet('ALIPAY_CN', 'Alipay', { sources: sourcedBy(ALIPAY_PLUS) }),
  // Unsourced: the Alipay+ table we could read stops before AlipayHK's row.
  wallet('ALIPAY_HK', 'AlipayHK'),
  // GCash page: refund ✔, partial refund ✔, refund period 365 days (we had 180 from elsewhere).
  wallet('GCASH', 'GCash', { sources: sourcedBy(GCASH_PAGE) }),
  // Unsourced: Antom's refund FAQ says only that Kakao Pay refuses refunds under 50 KRW.
  wallet('KAKAOPAY', 'KakaoPay'),
  // Unsourced: 90 days is what other acquirers publish, not Antom.
  wallet('TNG', "Touch 'n Go eWallet", { refundWindowDays: 90 }),
  // TrueMoney page: refund ✔, partial refund ✔, refund period 365 days (we had it full-only).
  wallet('TRUEMONEY', 'TrueMoney', { sources: sourcedBy(TRUEMONEY_PAGE) }),
  // Unsourced: one refund per payment is what we were told, not what a page says.
  wallet('DANA', 'DANA', { singleRefund: true }),
  // Unsourced: Antom's wallet table lists PayPay without partial refunds in one version and with
  // them in another; until a page settles it, the form warns and Antom decides.
  wallet('PAYPAY', 'PayPay', { partialRefunds: false }),
  {
    method: 'CARD',
    label: 'Card',
    kind: 'CARD',
    refundable: true,
    partialRefunds: true,
    singleRefund: false,
    // Unsourced: card refund periods depend on the scheme and the merchant's contract.
    refundWindowDays: 365,
    synchronousRefund: false,
    sources: {},
  },
  {
    // Konbini page: refund ❌, partial refund ❌ (a cash voucher paid at a convenience store).
    method: 'KONBINI',
    label: 'Konbini',
    kind: 'CASH_VOUCHER',
    refundable: false,
    partialRefunds: false,
    singleRefund: false,
    refundWindowDays: null,
    synchronousRefund: false,
    sources: sourcedBy(KONBINI_PAGE),
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
      sources: {},
    }
  );
}

/** The page that documents this rule for this method, or null when the dashboard only believes it. */
export function ruleSource(rules: MethodRules, rule: MethodRuleName): string | null {
  return rules.sources[rule] ?? null;
}
