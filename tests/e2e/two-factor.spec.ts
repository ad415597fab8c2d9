// Two-factor sign-in and step-up in the browser (issue 14): setting it up from the enrolment page,
// signing in with a code, wrong codes throttled, a recovery code used once, an admin's reset after a
// lost phone, and a fresh code for a large refund. Codes are computed here, as an authenticator app
// would, from the key the enrolment page shows. Each test has people of its own (copies of the demo
// users' roles and passwords): the shared sessions of the other specs never get a second factor.
import { expect, test, type Page } from '@playwright/test';
import { enrol, person, type Person } from './authenticator';
import { asRole, shoot, signIn, watchCsp } from './fixtures';
import { createPayment, db, refundsOf } from './world';

async function signOut(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Password first; the code page next. */
async function signInToCode(page: Page, who: Person) {
  await signIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/login\/code/);
}

async function giveCode(page: Page, code: string) {
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const codeAlert = (page: Page) => page.getByRole('main').getByRole('alert');

/** A refused code: the message, then the emptied field (React resets the form after its action). */
async function refused(page: Page, message: string | RegExp) {
  await expect(codeAlert(page)).toHaveText(message);
  await expect(page.getByLabel('Authentication code')).toHaveValue('');
}

test.describe('two-factor sign-in', () => {
  test('a person sets it up from the QR code’s key, then signs in with their password and a code', async ({
    browser,
  }) => {
    const who = await person(browser, 'viewer', 'enrol');
    await expect(who.page.getByRole('link', { name: /2FA off/ })).toBeVisible();
    const { app } = await enrol(who.page, { screenshots: true });
    await who.page.getByRole('link', { name: 'I saved them: continue' }).click();
    await expect(who.page.getByRole('link', { name: /2FA on/ })).toBeVisible();

    await signOut(who.page);
    await signInToCode(who.page, who);
    await shoot(who.page, 'two-factor-sign-in');
    // Nothing is readable until the code is given.
    await who.page.goto('/transactions');
    await expect(who.page).toHaveURL(/\/login\/code/);
    const csv = await who.page.request.get('/refunds/export');
    expect(csv.status()).toBe(403);
    await giveCode(who.page, await app.code());
    await expect(who.page).toHaveURL('/');
    await expect(who.page.getByTitle('Your role')).toHaveText('Viewer');
    await who.page.goto('/two-factor');
    await expect(who.page.getByText('Two-factor sign-in is on.')).toBeVisible();
    await shoot(who.page, 'two-factor-on');
  });

  test('wrong codes are throttled: after five, even the right code waits', async ({ browser }) => {
    const who = await person(browser, 'viewer', 'wrong');
    const { app } = await enrol(who.page);
    await signOut(who.page);
    await signInToCode(who.page, who);
    for (let i = 0; i < 5; i++) {
      await giveCode(who.page, `00000${i}`);
      await refused(who.page, /That code is not right/);
    }
    await giveCode(who.page, await app.code());
    await refused(who.page, 'Too many wrong codes. Try again in 1 minute.');
    await who.page.goto('/refunds');
    await expect(who.page).toHaveURL(/\/login\/code/);
  });

  test('a recovery code signs in once', async ({ browser }) => {
    const who = await person(browser, 'viewer', 'recovery');
    const { recoveryCodes } = await enrol(who.page);
    await signOut(who.page);

    await signInToCode(who.page, who);
    await giveCode(who.page, recoveryCodes[0]!);
    await expect(who.page).toHaveURL('/');
    await signOut(who.page);

    await signInToCode(who.page, who);
    await giveCode(who.page, recoveryCodes[0]!);
    await refused(who.page, /That code is not right/);
    await giveCode(who.page, recoveryCodes[1]!.toLowerCase());
    await expect(who.page).toHaveURL('/');
    await who.page.goto('/two-factor');
    await expect(who.page.getByTestId('recovery-codes-left')).toHaveText('8');
  });

  test('an admin resets the second factor of someone who lost their phone; where the role requires one, they set up a new one first', async ({
    browser,
  }) => {
    const who = await person(browser, 'viewer', 'lost');
    await enrol(who.page);
    const admin = await (await browser.newContext(asRole('admin'))).newPage();
    await watchCsp(admin);
    try {
      // The admin requires it of viewers…
      await admin.goto('/settings');
      await admin.getByLabel('Viewer: required').check();
      await admin.getByRole('button', { name: 'Save' }).click();
      await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(/Viewer changed/);
      await shoot(admin, 'settings');

      // …and resets this viewer's lost second factor: one click asks, the second acts.
      await admin.goto('/users');
      const row = admin.getByRole('listitem').filter({ hasText: who.email });
      await expect(row.getByText('Two-factor on')).toBeVisible();
      await row.getByRole('button', { name: 'Reset second factor' }).click();
      await row.getByRole('button', { name: /^Confirm: remove .* second factor/ }).click();
      await expect(row.getByRole('status')).toHaveText(/Second factor removed; signed out everywhere/);
      await expect(row.getByText('Sets up two-factor at next sign-in')).toBeVisible();

      // Their open session has ended; signing in with the password alone leads to setting up a new device.
      await who.page.goto('/transactions');
      await expect(who.page).toHaveURL(/\/login/);
      await signIn(who.page, who.email, who.password);
      await expect(who.page).toHaveURL(/\/two-factor/);
      await expect(who.page.getByText(/Your role \(Viewer\) signs in with a code/)).toBeVisible();
      await shoot(who.page, 'two-factor-required');
      await who.page.goto('/transactions');
      await expect(who.page).toHaveURL(/\/two-factor/);
      await enrol(who.page);
      await who.page.goto('/transactions');
      await expect(who.page).toHaveURL('/transactions');
    } finally {
      // The other specs' viewer signs in without a device.
      await db().query(`UPDATE two_factor_policy SET required = false WHERE role = 'VIEWER'`);
    }
  });

  test('a refund above the threshold asks for a fresh code; one below it does not', async ({ browser }) => {
    const admin = await (await browser.newContext(asRole('admin'))).newPage();
    await admin.goto('/settings');
    // The step-up section's form (the approval rules below have a Currency field too).
    const stepUp = admin.getByRole('region', { name: /step-up/ });
    await stepUp.getByLabel('Currency').fill('USD');
    await stepUp.getByLabel('Refunds above').fill('50');
    await stepUp.getByRole('button', { name: 'Set threshold' }).click();
    await expect(admin.getByText('Refunds above US$50.00 now ask for a fresh code.')).toBeVisible();
    try {
      const who = await person(browser, 'refunder', 'stepup');
      const { app } = await enrol(who.page);
      // The code given at enrolment is no longer fresh (more than five minutes ago).
      await db().query(
        `UPDATE auth_sessions SET code_at = now() - interval '6 minutes'
          WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
        [who.email],
      );
      const payment = await createPayment({ amountValue: 10_000, currency: 'USD', method: 'ALIPAY_CN' });
      const page = who.page;
      await page.goto(`/transactions/${payment.paymentId}`);

      // $30.00 is below the threshold: no code.
      await page.getByLabel('Part of it').check();
      await page.getByLabel(/^Amount/).fill('30');
      await page.getByRole('button', { name: 'Review refund' }).click();
      await page.getByRole('button', { name: 'Refund US$30.00' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Refund US$30.00 — refunded.' })).toBeVisible();

      // The $70.00 left is above it: the confirmation asks for a code, and nothing is sent without the right one.
      await page.getByLabel(/Everything left/).check();
      await page.getByRole('button', { name: 'Review refund' }).click();
      await page.getByRole('button', { name: 'Refund US$70.00' }).click();
      const code = page.getByLabel('Code from your authenticator app');
      await expect(code).toBeVisible();
      await expect(page.getByText('A refund above US$50.00 needs a fresh code.', { exact: false })).toBeVisible();
      await shoot(page, 'refund-step-up');
      await code.fill('000000');
      await page.getByRole('button', { name: 'Refund US$70.00' }).click();
      await expect(page.getByText(/That code is not right/)).toBeVisible();
      await expect(code).toHaveValue('');
      expect((await refundsOf(payment.paymentId)).map((r) => r.amount_value)).toEqual([3_000]);

      await code.fill(await app.code());
      await page.getByRole('button', { name: 'Refund US$70.00' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Refund US$70.00 — refunded.' })).toBeVisible();
      expect((await refundsOf(payment.paymentId)).map((r) => [r.status, r.amount_value])).toEqual([
        ['SUCCESS', 3_000],
        ['SUCCESS', 7_000],
      ]);
    } finally {
      await db().query(`DELETE FROM step_up_thresholds WHERE currency = 'USD'`);
    }
  });
});
