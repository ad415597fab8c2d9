// Issue 15: axe-core finds nothing on any page, for every role that sees it, at desktop (1280) and
// phone (390) width. Every rule axe runs by default is on (WCAG 2.x A and AA, and its best
// practices); a violation fails the test with the rule, the page, the width and the elements.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { asRole, SIGNED_OUT, type Role } from './fixtures';
import { db } from './world';

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Ids of the demo data for the detail pages, in the states that change what a page shows. */
async function demoIds() {
  const one = async (sql: string) => {
    const { rows } = await db().query<{ id: string }>(sql);
    if (!rows[0]) throw new Error(`The demo data has no row for: ${sql}`);
    return rows[0].id;
  };
  return {
    refundedPayment: await one(
      `SELECT payment_id AS id FROM payments WHERE refund_held_value > 0 ORDER BY created_at DESC LIMIT 1`,
    ),
    unrefundedPayment: await one(
      `SELECT payment_id AS id FROM payments WHERE status = 'SUCCESS' AND refund_held_value = 0 ORDER BY created_at DESC LIMIT 1`,
    ),
    failedPayment: await one(`SELECT payment_id AS id FROM payments WHERE status <> 'SUCCESS' LIMIT 1`),
    succeededRefund: await one(`SELECT refund_request_id AS id FROM refunds WHERE status = 'SUCCESS' LIMIT 1`),
    failedRefund: await one(`SELECT refund_request_id AS id FROM refunds WHERE status = 'FAILED' LIMIT 1`),
    // A difference with Antom's report of a day long past, so it never meets another spec's day.
    difference: await one(
      `INSERT INTO reconciliation_differences (id, kind, ref, day, payment_id, currency, touches_money, detail)
       VALUES (gen_random_uuid(), 'EXTERNAL_REFUND', 'A11Y' || gen_random_uuid()::text, '1999-01-01'::date,
               (SELECT payment_id FROM payments WHERE status = 'SUCCESS' LIMIT 1), 'USD', false,
               'Planted for the accessibility test.')
       RETURNING id::text AS id`,
    ),
  };
}

type Ids = Awaited<ReturnType<typeof demoIds>>;

/** Each role's pages: what its navigation offers, the details it opens, and what it is refused. */
function pagesOf(role: Role, ids: Ids): string[] {
  const read = [
    '/',
    '/?period=90d',
    '/transactions',
    '/transactions?status=SUCCESS',
    `/transactions?q=${encodeURIComponent(ids.refundedPayment)}`,
    '/transactions?q=NO_SUCH_ID_ANYWHERE',
    `/transactions/${encodeURIComponent(ids.refundedPayment)}`,
    `/transactions/${encodeURIComponent(ids.unrefundedPayment)}`,
    `/transactions/${encodeURIComponent(ids.failedPayment)}`,
    '/transactions/NO_SUCH_PAYMENT_ID',
    '/refunds',
    '/refunds?status=ATTENTION',
    `/refunds/${encodeURIComponent(ids.succeededRefund)}`,
    `/refunds/${encodeURIComponent(ids.failedRefund)}`,
    '/reconciliation',
    `/reconciliation/differences/${ids.difference}`,
    '/change-password',
    '/two-factor',
  ];
  if (role === 'admin') return [...read, '/audit', '/users', '/payment-methods', '/settings'];
  return [...read, '/audit', '/users']; // refused: the 403 page
}

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join('\n      ')}`,
  );
}

/** Every path at both widths; every violation found is reported at once, not only the first. */
async function expectNoViolations(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response, path).not.toBeNull();
    expect(response!.status(), `${path} answered ${response!.status()}`).toBeLessThan(500);
    await expect(page.locator('h1').first()).toBeVisible();
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const v of await violations(page)) found.push(`${path} at ${size.name} (${size.width}px): ${v}`);
    }
    await page.setViewportSize(WIDTHS[0]);
  }
  expect(found, `axe found:\n${found.join('\n')}`).toEqual([]);
}

for (const role of ['viewer', 'refunder', 'admin'] as const) {
  test.describe(`as ${role === 'admin' ? 'an' : 'a'} ${role}`, () => {
    test.use(asRole(role));

    test(`axe finds no violation on any page a ${role} opens, at 1280 and 390 wide`, async ({ page }) => {
      test.setTimeout(240_000);
      const paths = pagesOf(role, await demoIds());
      await expectNoViolations(page, paths);
    });
  });
}

test.describe('signed out', () => {
  test.use(SIGNED_OUT);

  test('axe finds no violation on the sign-in page, empty and refused, at 1280 and 390 wide', async ({ page }) => {
    await expectNoViolations(page, ['/login']);
    // A refused sign-in shows its message in the form: that state too.
    await page.getByLabel('Email').fill('nobody@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').or(page.getByRole('status')).first()).toBeVisible();
    const found: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      found.push(...(await violations(page)).map((v) => `/login, refused, at ${size.name}: ${v}`));
    }
    expect(found, `axe found:\n${found.join('\n')}`).toEqual([]);
  });
});
