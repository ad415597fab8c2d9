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
const at = (id: string) => encodeURIComponent(id);

// Pages every role reads alike are checked as a viewer; each other role adds what it sees differently
// (a refunder: the refund form, the look-up, the pages it is refused; an admin: its own pages and forms).
const PAGES: Record<Role, Record<string, (ids: Ids) => string>> = {
  viewer: {
    overview: () => '/',
    'overview, 90 days, one currency': () => '/?period=90d&currency=USD',
    transactions: () => '/transactions',
    'transactions, filtered': () => '/transactions?status=SUCCESS',
    'search, found': (ids) => `/transactions?q=${at(ids.refundedPayment)}`,
    'search, nothing found': () => '/transactions?q=NO_SUCH_ID_ANYWHERE',
    'payment, refunded': (ids) => `/transactions/${at(ids.refundedPayment)}`,
    'payment, not successful': (ids) => `/transactions/${at(ids.failedPayment)}`,
    'payment, not found': () => '/transactions/NO_SUCH_PAYMENT_ID',
    refunds: () => '/refunds',
    'refunds needing attention': () => '/refunds?status=ATTENTION',
    'refund, succeeded': (ids) => `/refunds/${at(ids.succeededRefund)}`,
    'refund, failed': (ids) => `/refunds/${at(ids.failedRefund)}`,
    reconciliation: () => '/reconciliation',
    'reconciliation difference': (ids) => `/reconciliation/differences/${ids.difference}`,
    'audit log, refused': () => '/audit',
    'change password': () => '/change-password',
    'two-factor sign-in': () => '/two-factor',
  },
  refunder: {
    'payment with the refund form': (ids) => `/transactions/${at(ids.unrefundedPayment)}`,
    'payment, refunded': (ids) => `/transactions/${at(ids.refundedPayment)}`,
    'search, nothing found, with the look-up': () => '/transactions?q=NO_SUCH_ID_ANYWHERE',
    'users, refused': () => '/users',
  },
  admin: {
    'audit log': () => '/audit',
    users: () => '/users',
    'payment methods': () => '/payment-methods',
    settings: () => '/settings',
    'reconciliation with the upload form': () => '/reconciliation',
    'reconciliation difference with the explain form': (ids) => `/reconciliation/differences/${ids.difference}`,
    'payment with the refund form': (ids) => `/transactions/${at(ids.unrefundedPayment)}`,
    'two-factor sign-in': () => '/two-factor',
  },
};

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

/** The page as it is now, at both widths; every violation is reported at once, not only the first. */
async function expectNoViolations(page: Page, what: string) {
  const found: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const v of await violations(page)) found.push(`${what} at ${size.name} (${size.width}px): ${v}`);
  }
  await page.setViewportSize(WIDTHS[0]);
  expect(found, `axe found:\n${found.join('\n')}`).toEqual([]);
}

for (const role of ['viewer', 'refunder', 'admin'] as const) {
  test.describe(`as ${role === 'admin' ? 'an' : 'a'} ${role}, axe finds no violation at 1280 and 390 wide on`, () => {
    test.use(asRole(role));
    let ids: Ids;
    test.beforeAll(async () => {
      ids = await demoIds();
    });

    for (const [name, path] of Object.entries(PAGES[role])) {
      test(name, async ({ page }) => {
        // axe reads every element's colours and boxes twice; a 25-row list takes it tens of seconds on two busy cores.
        test.setTimeout(180_000);
        const response = await page.goto(path(ids));
        expect(response!.status(), `${path(ids)} answered ${response!.status()}`).toBeLessThan(500);
        await expect(page.locator('h1').first()).toBeVisible();
        await expectNoViolations(page, `${name} (${path(ids)})`);
      });
    }
  });
}

test.describe('signed out', () => {
  test.use(SIGNED_OUT);

  test('axe finds no violation on the sign-in page, empty and refused, at 1280 and 390 wide', async ({ page }) => {
    await page.goto('/login');
    await expectNoViolations(page, '/login');
    // A refused sign-in shows its message in the form: that state too.
    await page.getByLabel('Email').fill('nobody@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').or(page.getByRole('status')).first()).toBeVisible();
    await expectNoViolations(page, '/login, refused');
  });
});
