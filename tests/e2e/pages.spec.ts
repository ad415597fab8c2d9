// The read side of the dashboard, as staff use it: filter and page through transactions, find a
// payment by a refund's id, open every page at desktop and phone width. Screenshots of every page
// land in tests/artifacts/screenshots/<page>-<desktop|phone>.png for a person to look at.
import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT, asRole, shoot, signInAs, watchCsp } from './fixtures';

/** The payment ids in the transactions table, in order. */
async function paymentIds(page: Page): Promise<string[]> {
  return page.getByRole('table').locator('tbody tr td:nth-child(2) a').allTextContents();
}

/** The ids of the page that replaced `previous`, once it has rendered (links are full page loads). */
async function idsAfter(page: Page, previous: string[]): Promise<string[]> {
  let ids: string[] = [];
  await expect
    .poll(async () => {
      ids = await paymentIds(page);
      return ids.length > 0 && ids.join() !== previous.join();
    })
    .toBe(true);
  return ids;
}

test.describe('reading the dashboard', () => {
  test.use(asRole('viewer'));

  test('a filtered transactions list pages forward and back, and the back button returns', async ({ page }) => {
    await page.goto('/transactions');
    await page.getByLabel('Status').selectOption('SUCCESS');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // Filters live in the URL, without the empty ones.
    await expect(page).toHaveURL(/\/transactions\?status=SUCCESS$/);
    const table = page.getByRole('table');
    await expect(table.getByText('Succeeded').first()).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(25);
    expect(await table.getByText(/^(Failed|Pending|Processing|Cancelled)$/).count()).toBe(0);
    const first = await paymentIds(page);
    const pagination = page.getByRole('navigation', { name: 'Pagination' });

    await pagination.getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/status=SUCCESS&after=/);
    const second = await idsAfter(page, first);
    expect(second.filter((id) => first.includes(id))).toEqual([]);

    await pagination.getByRole('link', { name: /Next/ }).click();
    const third = await idsAfter(page, second);

    await pagination.getByRole('link', { name: /Previous/ }).click();
    await expect(page).toHaveURL(/status=SUCCESS&before=/);
    await expect.poll(() => paymentIds(page)).toEqual(second);
    await pagination.getByRole('link', { name: /Previous/ }).click();
    await expect.poll(() => paymentIds(page)).toEqual(first);
    await expect(pagination.getByRole('link', { name: /Previous/ })).toHaveCount(0);
    // The filter is still applied, and shown in the form.
    await expect(page.getByLabel('Status')).toHaveValue('SUCCESS');

    await page.goBack();
    await expect.poll(() => paymentIds(page)).toEqual(second);
    await page.goForward();
    await expect.poll(() => paymentIds(page)).toEqual(first);
    expect(third.filter((id) => second.includes(id))).toEqual([]);
  });

  test('searching by a refundId finds its payment', async ({ page }) => {
    await page.goto('/refunds?status=SUCCESS');
    await page.getByRole('table').locator('tbody a[href^="/refunds/"]').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Refund');
    const summary = page.getByRole('region', { name: 'Summary' });
    // The id itself, not its copy button's label: the code element beside it.
    const refundId = (await summary.locator('dt:text-is("refundId") + dd code').textContent())!.trim();
    const paymentId = (await summary.locator('dt:text-is("Payment") + dd a').textContent())!.trim();
    expect(refundId).toMatch(/^\w+$/);

    await page.goto('/transactions?status=FAIL');
    await page.getByRole('searchbox', { name: 'Find a payment by id' }).fill(refundId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(`/transactions?q=${refundId}`);
    await expect(page.getByRole('heading', { name: /Search results for/ })).toBeVisible();
    expect(await paymentIds(page)).toEqual([paymentId]);
    await expect(page.getByRole('table').getByText("Matched by a refund's refundId")).toBeVisible();

    await page.getByRole('table').getByRole('link', { name: paymentId }).click();
    await expect(page).toHaveURL(`/transactions/${paymentId}`);
    await expect(page.getByRole('region', { name: 'Refunds' }).getByText(refundId, { exact: true })).toBeVisible();
  });

  test('an id that matches nothing says so', async ({ page }) => {
    await page.goto('/transactions?q=NO_SUCH_ID_123');
    await expect(page.getByText('No payment has this id')).toBeVisible();
  });

  test('the refund list exports as CSV for a signed-in reader only', async ({ page, playwright, baseURL }) => {
    const csv = await page.request.get('/refunds/export?status=SUCCESS');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    // Refund data is never stored by a cache, and reaches the reader byte for byte as written.
    expect(csv.headers()['cache-control']).toBe('no-store, no-transform');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^created_at,refund_request_id,refund_id,payment_id,payment_request_id,method,status,/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',SUCCESS,'))).toBe(true);

    const anonymous = await playwright.request.newContext({ baseURL, ...SIGNED_OUT });
    const refused = await anonymous.get('/refunds/export', { maxRedirects: 0 });
    expect(refused.status()).not.toBe(200);
    expect(refused.headers()['content-type'] ?? '').not.toContain('text/csv');
    await anonymous.dispose();
  });

  test.describe(() => {
    test.use(asRole('admin'));

    test('each list renders its rows once: one table, reflowed into cards on a phone', async ({ page }) => {
      const lists = [
        ['/transactions', 'a[href^="/transactions/"]'],
        ['/refunds', 'a[href^="/refunds/"]'],
        ['/audit', null],
      ] as const;
      for (const [path, link] of lists) {
        for (const size of [
          { width: 1280, height: 800 },
          { width: 390, height: 844 },
        ]) {
          await page.setViewportSize(size);
          await page.goto(path);
          const table = page.getByRole('table');
          await expect(table).toBeVisible();
          await expect(table.getByRole('row').nth(1)).toBeVisible();
          if (link) {
            // A row's link is in the table and nowhere else on the page (no second copy for phones).
            const first = await table.locator(`tbody ${link}`).first().getAttribute('href');
            await expect(page.locator(`main a[href="${first}"]`)).toHaveCount(1);
          }
          // On a phone the column headings are for screen readers only, and a row is as wide as the table.
          if (size.width < 768) {
            await expect(table.locator('thead')).toHaveCSS('position', 'absolute');
            const [row, box] = [await table.locator('tbody tr').last().boundingBox(), await table.boundingBox()];
            expect(Math.round(row!.width)).toBe(Math.round(box!.width));
          }
        }
      }
    });
  });

  test.describe(() => {
    // Signs in and out through the form itself (signing out ends every session of that user).
    test.use(SIGNED_OUT);

    test('every page renders, at desktop and phone width, within its Content-Security-Policy', async ({ page }) => {
      await watchCsp(page);
      const login = await page.goto('/login');
      // A fresh nonce per response, and nothing may frame the page.
      const csp = (await login!.headerValue('content-security-policy')) ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      const again = await page.request.get('/login');
      expect(again.headers()['content-security-policy']).not.toBe(csp);
      await shoot(page, 'login');

      await signInAs(page, 'viewer');
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByRole('img', { name: /Refunds per day/ }).first()).toBeAttached();
      // Next.js ran the root layout's beforeInteractive entry (app/layout.tsx), so it hydrated after it.
      await expect(page.locator('head script#before-hydration')).toBeAttached();
      await shoot(page, 'overview');

      await page.goto('/transactions');
      await expect(page.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
      await shoot(page, 'transactions');

      await page.goto('/refunds');
      await expect(page.getByRole('heading', { level: 1, name: 'Refunds' })).toBeVisible();
      await shoot(page, 'refunds');

      // The newest refund (on a fresh start, the status checker has already settled the demo's open ones).
      await page.getByRole('table').locator('tbody a[href^="/refunds/"]').first().click();
      await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
      await shoot(page, 'refund-detail');

      await page.getByRole('region', { name: 'Summary' }).locator('dt:text-is("Payment") + dd a').click();
      await expect(page.getByRole('heading', { level: 1, name: /^Payment / })).toBeVisible();
      await expect(page.getByText('Refundable now').first()).toBeVisible();
      await shoot(page, 'transaction-detail');

      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

      await page.goto('/');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login/);
      await signInAs(page, 'admin');
      await page.goto('/audit');
      await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
      await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
      await shoot(page, 'audit');

      // Issue 11, rule 7: the admin's table of method rules, each enforced rule linked to Antom's page.
      await page.getByRole('link', { name: 'Methods' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Payment methods' })).toBeVisible();
      const gcash = page.getByRole('row').filter({ hasText: 'GCASH' });
      await expect(gcash).toContainText('365 days');
      await expect(gcash.getByRole('link', { name: /Enforced/ }).first()).toHaveAttribute(
        'href',
        'https://docs.antom.com/ac/antomop/gcash',
      );
      await expect(page.getByRole('row').filter({ hasText: 'TNG' })).toContainText('Warning only: Antom decides');
      await shoot(page, 'payment-methods');
    });
  });
});
