import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  inquiryPaymentRequestSchema,
  inquiryPaymentResponseSchema,
  inStoreInquiryRefundRequestSchema,
  inStoreInquiryRefundResponseSchema,
  inStoreRefundRequestSchema,
  inStoreRefundResponseSchema,
  notifyRefundSchema,
  onlineInquiryRefundRequestSchema,
  onlineInquiryRefundResponseSchema,
  onlineRefundRequestSchema,
  requestAmountSchema,
  responseAmountSchema,
} from '../../../lib/antom/schemas';
import { refundStateOf, refundWordFor } from '../../../lib/antom/status';
import { readSample, readSeed, repairJson, SEED_FILES } from '../../fixtures/antom';

const squash = (text: string) => text.replace(/\s+/g, '');

const SAMPLES: { file: string; seed: string; schema: z.ZodType; invalidAsPrinted?: string }[] = [
  {
    file: 'inquiry-refund-in-store.request.txt',
    seed: SEED_FILES.inquiryRefundInStore,
    schema: inStoreInquiryRefundRequestSchema,
    invalidAsPrinted: 'trailing comma',
  },
  {
    file: 'inquiry-refund-in-store.response.txt',
    seed: SEED_FILES.inquiryRefundInStore,
    schema: inStoreInquiryRefundResponseSchema,
  },
  { file: 'refund-in-store.request.txt', seed: SEED_FILES.refundInStore, schema: inStoreRefundRequestSchema },
  { file: 'refund-in-store.response.txt', seed: SEED_FILES.refundInStore, schema: inStoreRefundResponseSchema },
  {
    file: 'inquiry-refund-online.request.txt',
    seed: SEED_FILES.inquiryRefundOnline,
    schema: onlineInquiryRefundRequestSchema,
    invalidAsPrinted: 'markdown \\_',
  },
  {
    file: 'inquiry-refund-online.response.txt',
    seed: SEED_FILES.inquiryRefundOnline,
    schema: onlineInquiryRefundResponseSchema,
    invalidAsPrinted: 'markdown \\_',
  },
  {
    file: 'inquiry-payment-in-store.request.txt',
    seed: SEED_FILES.inquiryPaymentInStore,
    schema: inquiryPaymentRequestSchema,
  },
  {
    file: 'inquiry-payment-in-store.response.txt',
    seed: SEED_FILES.inquiryPaymentInStore,
    schema: inquiryPaymentResponseSchema,
  },
];

describe('every sample in the seeds', () => {
  it.each(SAMPLES)('$file is the seed text and parses with its schema', ({ file, seed, schema, invalidAsPrinted }) => {
    const printed = readSample(file);
    // The fixture is the seed's own text (seed 003 prints line numbers and blank lines around it).
    expect(squash(readSeed(seed))).toContain(squash(printed));
    // Only the samples with a known defect need repair; the rest are JSON as printed.
    if (invalidAsPrinted) expect(() => JSON.parse(printed)).toThrow();
    else expect(repairJson(printed)).toBe(printed);
    const parsed = schema.safeParse(JSON.parse(repairJson(printed)));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('keeps the quirks: "Success" read as SUCCESS, string amounts as integers, the in-store refund extras', () => {
    const payment = inquiryPaymentResponseSchema.parse(JSON.parse(readSample('inquiry-payment-in-store.response.txt')));
    expect(payment.paymentStatus).toBe('SUCCESS');
    expect(payment.paymentAmount).toEqual({ value: 50000, currency: 'SGD' });
    const refund = inStoreRefundRequestSchema.parse(JSON.parse(readSample('refund-in-store.request.txt')));
    expect(refund.refundAmount).toBeNull(); // null: a full refund
    expect(refund.memo).toBe('');
    expect(refund.payRequestId).toMatch(/^uB0RN0c8/);
    const online = onlineInquiryRefundResponseSchema.parse(
      JSON.parse(repairJson(readSample('inquiry-refund-online.response.txt'))),
    );
    expect(online.refundRequestId).toBe('amsdemorefund_zhangyikai_zyk_20210804_165236_931');
    expect(online.refundAmount).toEqual({ value: 10000, currency: 'HKD' });
    const inStore = inStoreInquiryRefundResponseSchema.parse(
      JSON.parse(readSample('inquiry-refund-in-store.response.txt')),
    );
    expect(inStore.paymentId).toBeUndefined(); // required by seed 000's table, absent from its sample
    expect(inStore.refundRequestId).toBe('2026040919452311010022209B******');
  });
});

describe('amounts', () => {
  it('are read from numbers or strings of minor units, in any case of currency', () => {
    expect(responseAmountSchema.parse({ value: 10000, currency: 'USD' })).toEqual({ value: 10000, currency: 'USD' });
    expect(responseAmountSchema.parse({ value: '10000', currency: 'usd' })).toEqual({ value: 10000, currency: 'USD' });
    expect(responseAmountSchema.parse({ value: '2147483647', currency: 'JPY' }).value).toBe(2147483647);
  });

  it('refuse what is not an integer 0..2147483647 of minor units', () => {
    for (const value of [-1, 1.5, '12.50', '1e3', '', '2147483648', 2147483648, null]) {
      expect(responseAmountSchema.safeParse({ value, currency: 'USD' }).success, String(value)).toBe(false);
    }
  });

  it('go out as strings, as the docs ask', () => {
    expect(requestAmountSchema.parse({ value: 1050, currency: 'USD' })).toEqual({ value: '1050', currency: 'USD' });
    expect(requestAmountSchema.safeParse({ value: 1050, currency: 'usd' }).success).toBe(false);
    expect(requestAmountSchema.safeParse({ value: 1050, currency: 'US' }).success).toBe(false);
    expect(requestAmountSchema.safeParse({ value: 10.5, currency: 'USD' }).success).toBe(false);
  });
});

describe('request field rules from the seeds', () => {
  const online = { refundRequestId: 'RFD_1', paymentId: 'P1', refundAmount: { value: 100, currency: 'USD' } };

  it('accept a well-formed online refund', () => {
    expect(
      onlineRefundRequestSchema.parse({
        ...online,
        refundReason: 'Gift returned — merci',
        refundNotifyUrl: 'https://shop.example/notify',
      }),
    ).toMatchObject({
      refundAmount: { value: '100', currency: 'USD' },
    });
  });

  it('refuse ids over 64 characters and special characters where the seeds forbid them', () => {
    expect(onlineRefundRequestSchema.safeParse({ ...online, refundRequestId: 'R'.repeat(65) }).success).toBe(false);
    expect(onlineRefundRequestSchema.safeParse({ ...online, refundRequestId: 'R'.repeat(64) }).success).toBe(true);
    expect(onlineRefundRequestSchema.safeParse({ ...online, refundRequestId: 'RFD-1' }).success).toBe(false);
    expect(onlineRefundRequestSchema.safeParse({ ...online, paymentId: 'P'.repeat(65) }).success).toBe(false);
    expect(inquiryPaymentRequestSchema.safeParse({ paymentRequestId: 'pay 1' }).success).toBe(false);
    expect(onlineInquiryRefundRequestSchema.safeParse({ refundRequestId: 'a/b' }).success).toBe(false);
  });

  it('require the online refund amount, and refundRequestId or refundId for the online inquiry', () => {
    expect(onlineRefundRequestSchema.safeParse({ refundRequestId: 'R', paymentId: 'P' }).success).toBe(false);
    expect(onlineInquiryRefundRequestSchema.safeParse({}).success).toBe(false);
    expect(onlineInquiryRefundRequestSchema.safeParse({ refundId: '2021' }).success).toBe(true);
  });

  it('limit memo and reason to 256 characters', () => {
    const base = { refundRequestId: 'R', paymentId: 'P' };
    expect(inStoreRefundRequestSchema.safeParse({ ...base, memo: 'm'.repeat(256) }).success).toBe(true);
    expect(inStoreRefundRequestSchema.safeParse({ ...base, memo: 'm'.repeat(257) }).success).toBe(false);
    expect(onlineRefundRequestSchema.safeParse({ ...online, refundReason: 'r'.repeat(257) }).success).toBe(false);
  });
});

describe('status words', () => {
  it('map both families to one state, in any case', () => {
    expect(
      onlineInquiryRefundResponseSchema.parse({ result: { resultStatus: 's' }, refundStatus: 'Processing' })
        .refundStatus,
    ).toBe('PROCESSING');
    expect(['SUCCESS', 'PROCESSING', 'FAIL', 'PENDING', 'FAILED', 'success'].map(refundStateOf)).toEqual([
      'SUCCESS',
      'PROCESSING',
      'FAILED',
      'PROCESSING',
      'FAILED',
      'SUCCESS',
    ]);
    expect(refundStateOf('REFUNDED')).toBeNull();
    expect(refundWordFor('PROCESSING', 'inStore')).toBe('PENDING');
    expect(refundWordFor('FAILED', 'online')).toBe('FAIL');
  });

  it('refuse a word the family does not use', () => {
    expect(
      onlineInquiryRefundResponseSchema.safeParse({ result: { resultStatus: 'S' }, refundStatus: 'PENDING' }).success,
    ).toBe(false);
    expect(
      inStoreInquiryRefundResponseSchema.safeParse({ result: { resultStatus: 'S' }, refundStatus: 'FAIL' }).success,
    ).toBe(false);
    expect(inquiryPaymentResponseSchema.safeParse({ result: { resultStatus: 'X' } }).success).toBe(false);
  });
});

describe('notifyRefund', () => {
  const notification = {
    notifyType: 'REFUND_RESULT',
    refundRequestId: 'RFD_1',
    refundId: '2021080419401080130018866020092XXXX',
    refundAmount: { value: '10000', currency: 'HKD' },
    refundStatus: 'SUCCESS',
    refundTime: '2021-08-04T01:52:37-07:00',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
  };

  it('parses the final states only', () => {
    expect(notifyRefundSchema.parse(notification).refundAmount).toEqual({ value: 10000, currency: 'HKD' });
    expect(
      notifyRefundSchema.parse({ ...notification, refundStatus: 'fail', refundTime: undefined }).refundStatus,
    ).toBe('FAIL');
    expect(notifyRefundSchema.safeParse({ ...notification, refundStatus: 'PROCESSING' }).success).toBe(false);
    expect(notifyRefundSchema.safeParse({ ...notification, notifyType: 'PAYMENT_RESULT' }).success).toBe(false);
  });
});
