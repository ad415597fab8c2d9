import { describe, expect, it } from 'vitest';
import type { AntomApi } from '../../../lib/antom/paths';
import {
  canonicalResultCode,
  catalogEntry,
  printedResultCode,
  resolveResultCode,
  RESULT_CODE_CATALOG,
} from '../../../lib/antom/result-codes';
import { readSeed, SEED_FILES } from '../../fixtures/antom';

/** Text as a reader sees it: markdown links, bold, italics, escapes and line breaks removed. */
function plain(text: string): string {
  return text
    .replace(/\[\*\*([^*]+)\*\*\]\([^)]*\)/g, '$1')
    .replace(/\\_/g, '_')
    .replace(/(^|[\s(])_([A-Za-z]+)_/g, '$1$2')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Row {
  code: string;
  status: 'S' | 'F' | 'U';
  /** The row's message and further action, as printed. */
  text: string;
}

/** Seeds 000, 001, 004: "CODE\n\nS|F|U\n\nmessage...further action" blocks after "Result codes". */
function plainTableRows(seed: string): Row[] {
  const table = seed.split('\nResult codes\n')[1]!.split('\nSamples\n')[0]!;
  const lines = table.split('\n');
  const starts: number[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    if (
      /^[A-Z][A-Z0-9_ ]*[A-Z0-9]$/.test(lines[i]!.trim()) &&
      lines[i + 1]!.trim() === '' &&
      /^[SFU]$/.test(lines[i + 2]!.trim())
    )
      starts.push(i);
  }
  return starts.map((start, k) => ({
    code: lines[start]!.trim(),
    status: lines[start + 2]!.trim() as Row['status'],
    text: lines.slice(start + 3, starts[k + 1] ?? lines.length).join('\n'),
  }));
}

/** Seed 003: a markdown table, rows "| CODE | S | message | action\n\n |". */
function markdownTableRows(seed: string): Row[] {
  const rows: Row[] = [];
  for (const m of seed.matchAll(/^\| ([A-Z\\_]+) \| ([SFU]) \| ([^|]*)\| ([^|]*)\|/gm)) {
    rows.push({ code: m[1]!.replace(/\\_/g, '_'), status: m[2] as Row['status'], text: `${m[3]} ${m[4]}` });
  }
  return rows;
}

const TABLES: { name: string; api: AntomApi; rows: Row[]; expected: number }[] = [
  {
    name: '000 in-store inquiryRefund',
    api: 'inquiryRefund.inStore',
    rows: plainTableRows(readSeed(SEED_FILES.inquiryRefundInStore)),
    expected: 20,
  },
  {
    name: '001 in-store refund',
    api: 'refund.inStore',
    rows: plainTableRows(readSeed(SEED_FILES.refundInStore)),
    expected: 25,
  },
  {
    name: '003 online inquiryRefund',
    api: 'inquiryRefund.online',
    rows: markdownTableRows(readSeed(SEED_FILES.inquiryRefundOnline)),
    expected: 5,
  },
  {
    name: '004 in-store inquiryPayment',
    api: 'inquiryPayment.inStore',
    rows: plainTableRows(readSeed(SEED_FILES.inquiryPaymentInStore)),
    expected: 12,
  },
];

describe('every result code in the seed tables', () => {
  for (const table of TABLES) {
    it(`${table.name}: resolves to the documented status, message and further action`, () => {
      // Guards the extraction itself: a change in the seed's layout must not silently drop rows.
      expect(table.rows).toHaveLength(table.expected);
      for (const row of table.rows) {
        const info = resolveResultCode(row.code, row.status, table.api);
        const context = `${row.code} in ${table.name}`;
        expect(info.known, context).toBe(true);
        expect(info.documentedStatus, context).toBe(row.status);
        expect(plain(row.text), context).toContain(plain(info.message));
        expect(plain(row.text), context).toContain(plain(info.furtherAction));
        // The catalog keeps the exact spelling the document printed.
        expect(
          catalogEntry(row.code)!.docs.some((d) => d.printed === row.code && d.apis.includes(table.api)),
          context,
        ).toBe(true);
      }
    });
  }

  it('the refund guide (002): every code it names, with the status its text gives', () => {
    const guide = readSeed(SEED_FILES.refundGuide);
    const named = new Set([...guide.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]!));
    const statuses: Record<string, 'F' | 'U'> = {
      ORDER_STATUS_INVALID: 'F',
      REFUND_WINDOW_EXCEED: 'F',
      PAYMENT_METHOD_NOT_SUPPORTED: 'F',
      PARTIAL_REFUND_NOT_SUPPORTED: 'F',
      MERCHANT_BALANCE_NOT_ENOUGH: 'F',
      REFUND_IN_PROCESS: 'U',
      UNKNOWN_EXCEPTION: 'U',
      REQUEST_TRAFFIC_EXCEED_LIMIT: 'U',
      ORDER_IS_CLOSED: 'U',
    };
    expect([...named].sort()).toEqual(Object.keys(statuses).sort());
    for (const [code, status] of Object.entries(statuses)) {
      const info = resolveResultCode(code, status, 'refund.online');
      expect(info.known, code).toBe(true);
      expect(info.documentedStatus, code).toBe(status);
      expect(plain(guide), code).toContain(plain(info.message));
    }
    // Where the guide gives an action (its U list), that is the action we show.
    for (const code of ['REFUND_IN_PROCESS', 'UNKNOWN_EXCEPTION', 'REQUEST_TRAFFIC_EXCEED_LIMIT', 'ORDER_IS_CLOSED']) {
      expect(plain(guide)).toContain(plain(resolveResultCode(code, 'U', 'refund.online').furtherAction));
    }
  });

  it('the catalog holds nothing the seeds do not print', () => {
    const all = Object.values(SEED_FILES)
      .map((f) => plain(readSeed(f)))
      .join('\n');
    for (const entry of RESULT_CODE_CATALOG) for (const d of entry.docs) expect(all, d.printed).toContain(d.printed);
  });
});

describe('resolving codes', () => {
  it('gives DPOS_ and plain spellings one entry', () => {
    expect(catalogEntry('DPOS_REFUND_REFUND_AMOUNT_EXCEED')).toBe(catalogEntry('REFUND_AMOUNT_EXCEED'));
    expect(catalogEntry('DPOS_PAYMENT_ORDER_NOT_EXIST')).toBe(catalogEntry('ORDER_NOT_EXIST'));
    expect(catalogEntry('DPOS_REFUND_UNKNOWN_EXCEPTION')).toBe(catalogEntry('UNKNOWN_EXCEPTION'));
    expect(catalogEntry('DPOS_REFUND_PROCESS_FAIL')).toBe(catalogEntry('PROCESS_FAIL'));
    expect(canonicalResultCode('dpos_refund_refund_in_process')).toBe('REFUND_IN_PROCESS');
  });

  it('recognises the misprinted DPOS_SYSTEM_ ERROR and its corrected spellings', () => {
    for (const code of ['DPOS_SYSTEM_ ERROR', 'DPOS_SYSTEM_ERROR', 'SYSTEM_ERROR']) {
      const info = resolveResultCode(code, 'F', 'refund.inStore');
      expect(info).toMatchObject({
        known: true,
        canonical: 'SYSTEM_ERROR',
        kind: 'CONTACT_SUPPORT',
        retrySameId: false,
      });
      expect(info.furtherAction).toBe('Do not retry, and contact Antom Technical Support for more details.');
    }
    expect(printedResultCode('SYSTEM_ERROR', 'refund.inStore')).toBe('DPOS_SYSTEM_ERROR');
  });

  it('keeps each document its own wording where they disagree', () => {
    const inStore = resolveResultCode('DPOS_PAYMENT_ORDER_NOT_EXIST', 'F', 'inquiryRefund.inStore');
    const online = resolveResultCode('ORDER_NOT_EXIST', 'F', 'inquiryRefund.online');
    expect(inStore.kind).toBe('FIX_REQUEST');
    expect(online).toMatchObject({ kind: 'RETRY_LATER', retryAfterMs: 15_000, maxRetries: 3 });
    expect(resolveResultCode('INVALID_API', 'F', 'inquiryPayment.inStore').kind).toBe('MERCHANT_CONFIG');
    expect(resolveResultCode('DPOS_REFUND_INVALID_API', 'F', 'refund.inStore').kind).toBe('CONTACT_SUPPORT');
  });

  it('gives the machine-usable kinds the engine acts on', () => {
    const kind = (code: string, status: 'S' | 'F' | 'U', api: AntomApi = 'refund.online') =>
      resolveResultCode(code, status, api).kind;
    expect(kind('SUCCESS', 'S')).toBe('DONE');
    expect(kind('REFUND_IN_PROCESS', 'U')).toBe('WAIT_FOR_RESULT');
    expect(kind('UNKNOWN_EXCEPTION', 'U')).toBe('RETRY_SAME_ID');
    expect(kind('REQUEST_TRAFFIC_EXCEED_LIMIT', 'U')).toBe('RETRY_LATER');
    expect(kind('MERCHANT_BALANCE_NOT_ENOUGH', 'F')).toBe('NEW_REQUEST');
    expect(kind('REFUND_AMOUNT_EXCEED', 'F')).toBe('FIX_REQUEST');
    expect(kind('PARTIAL_REFUND_NOT_SUPPORTED', 'F')).toBe('NOT_REFUNDABLE');
    expect(kind('REFUND_WINDOW_EXCEED', 'F')).toBe('NOT_REFUNDABLE');
    expect(kind('DPOS_REFUND_MULTIPLE_REFUNDS_NOT_SUPPORTED', 'F', 'refund.inStore')).toBe('NOT_REFUNDABLE');
    expect(kind('DPOS_PAYMENT_RISK_REJECT', 'F', 'refund.inStore')).toBe('REJECTED');
    expect(kind('INVALID_SIGNATURE', 'F', 'inquiryPayment.inStore')).toBe('MERCHANT_CONFIG');
    expect(kind('DPOS_REFUND_KEY_NOT_FOUND', 'F', 'refund.inStore')).toBe('MERCHANT_CONFIG');
    expect(kind('DPOS_PAYMENT_ACCESS_DENIED', 'F', 'refund.inStore')).toBe('CONTACT_SUPPORT');
  });

  it('allows resending the same id only for U answers the docs say to retry', () => {
    expect(resolveResultCode('UNKNOWN_EXCEPTION', 'U', 'refund.online').retrySameId).toBe(true);
    expect(resolveResultCode('REQUEST_TRAFFIC_EXCEED_LIMIT', 'U', 'refund.online').retrySameId).toBe(true);
    expect(resolveResultCode('REFUND_IN_PROCESS', 'U', 'refund.online').retrySameId).toBe(false);
    // In-store, the traffic limit is an F: never resent automatically.
    expect(resolveResultCode('DPOS_REFUND_REQUEST_TRAFFIC_EXCEED_LIMIT', 'F', 'refund.inStore')).toMatchObject({
      retrySameId: false,
      kind: 'RETRY_LATER',
    });
    // Even a retryable code is not retried after an F.
    expect(resolveResultCode('UNKNOWN_EXCEPTION', 'F', 'refund.online').retrySameId).toBe(false);
  });

  it('falls back safely by resultStatus for codes it has never seen', () => {
    expect(resolveResultCode('BRAND_NEW_CODE', 'U', 'refund.online')).toMatchObject({
      known: false,
      kind: 'RETRY_SAME_ID',
      retrySameId: true,
      documentedStatus: 'U',
    });
    expect(resolveResultCode('BRAND_NEW_CODE', 'F', 'refund.online')).toMatchObject({
      known: false,
      kind: 'CONTACT_SUPPORT',
      retrySameId: false,
    });
    expect(resolveResultCode(null, 'S')).toMatchObject({ known: false, kind: 'DONE', code: null });
  });

  it('prints DPOS_ codes for the in-store refund APIs and plain ones online and for inquiryPayment', () => {
    expect(printedResultCode('REFUND_IN_PROCESS', 'refund.inStore')).toBe('DPOS_REFUND_REFUND_IN_PROCESS');
    expect(printedResultCode('REFUND_IN_PROCESS', 'refund.online')).toBe('REFUND_IN_PROCESS');
    expect(printedResultCode('ORDER_NOT_EXIST', 'inquiryRefund.inStore')).toBe('DPOS_PAYMENT_ORDER_NOT_EXIST');
    expect(printedResultCode('REFUND_WINDOW_EXCEED', 'refund.online')).toBe('REFUND_WINDOW_EXCEED');
    expect(printedResultCode('UNKNOWN_EXCEPTION', 'inquiryPayment.inStore')).toBe('UNKNOWN_EXCEPTION');
    expect(printedResultCode('REQUEST_TRAFFIC_EXCEED_LIMIT', 'inquiryPayment.inStore')).toBe(
      'REQUEST_TRAFFIC_EXCEED_LIMIT',
    );
  });
});
