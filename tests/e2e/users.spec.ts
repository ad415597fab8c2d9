import { expect, test } from '@playwright/test';
import { SIGNED_OUT, asRole, shoot, signIn } from './fixtures';

test.describe('managing users', () => {
  test.use(asRole('admin'));

  test('an admin creates a user with a one-time password; the user must choose their own, then is in', async ({
    page,
    browser,
  }) => {
    await page.goto('/users');
    const email = `new.${Date.now()}@demo.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Nina New');
    await page.getByLabel('Role', { exact: true }).selectOption('REFUNDER');
    await page.getByRole('button', { name: 'Create user' }).click();
    const otp = await page.getByTestId('one-time-password').textContent();
    expect(otp).toMatch(/^[A-Za-z0-9]{16}$/);
    await shoot(page, 'users');

    const context = await browser.newContext(SIGNED_OUT);
    const newcomer = await context.newPage();
    await signIn(newcomer, email, otp!);
    await expect(newcomer).toHaveURL(/\/change-password/);
    await shoot(newcomer, 'change-password');
    await newcomer.goto('/transactions');
    await expect(newcomer).toHaveURL(/\/change-password/);
    await newcomer.getByLabel('One-time password').fill(otp!);
    await newcomer.getByLabel('New password').fill('short');
    await newcomer.getByLabel('Repeat it').fill('short');
    await newcomer.getByRole('button', { name: 'Set password' }).click();
    await expect(newcomer.getByText('Use at least 12 characters.')).toBeVisible();
    // A refused form comes back empty (password fields are never sent back to the browser).
    await newcomer.getByLabel('One-time password').fill(otp!);
    await newcomer.getByLabel('New password').fill('a much longer passphrase');
    await newcomer.getByLabel('Repeat it').fill('a much longer passphrase');
    await newcomer.getByRole('button', { name: 'Set password' }).click();
    await expect(newcomer).toHaveURL('/');
    await expect(newcomer.getByTitle('Your role')).toHaveText('Refunder');
    await context.close();
  });

  test('changing your own password asks for the current one, ends your other sessions and keeps this one', async ({
    page,
    browser,
  }) => {
    await page.goto('/users');
    const email = `mover.${Date.now()}@demo.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Mo Mover');
    await page.getByRole('button', { name: 'Create user' }).click();
    const otp = (await page.getByTestId('one-time-password').textContent())!;

    const [here, there] = [await browser.newContext(SIGNED_OUT), await browser.newContext(SIGNED_OUT)];
    const [mine, other] = [await here.newPage(), await there.newPage()];
    await signIn(mine, email, otp);
    await mine.getByLabel('One-time password').fill(otp);
    await mine.getByLabel('New password').fill('first own passphrase');
    await mine.getByLabel('Repeat it').fill('first own passphrase');
    await mine.getByRole('button', { name: 'Set password' }).click();
    await expect(mine).toHaveURL('/');
    await signIn(other, email, 'first own passphrase');
    await expect(other).toHaveURL('/');

    await mine.getByRole('link', { name: 'Password' }).click();
    await expect(mine.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await mine.getByLabel('Current password').fill('not my passphrase');
    await mine.getByLabel('New password').fill('second own passphrase');
    await mine.getByLabel('Repeat it').fill('second own passphrase');
    await mine.getByRole('button', { name: 'Set password' }).click();
    await expect(mine.getByText('Your current password is not right. Nothing was changed.')).toBeVisible();
    await mine.getByLabel('Current password').fill('first own passphrase');
    await mine.getByLabel('New password').fill('second own passphrase');
    await mine.getByLabel('Repeat it').fill('second own passphrase');
    await mine.getByRole('button', { name: 'Set password' }).click();
    await expect(mine).toHaveURL('/');

    // The other session ended with the change; this one goes on.
    await other.goto('/transactions');
    await expect(other).toHaveURL(/\/login/);
    await mine.goto('/transactions');
    await expect(mine.getByRole('heading', { level: 1, name: 'Transactions' })).toBeVisible();
    await here.close();
    await there.close();
  });

  test("an approver can be made, and their row's role picker shows Approver", async ({ page }) => {
    await page.goto('/users');
    const email = `approver.${Date.now()}@demo.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Ann Approver');
    await page.getByLabel('Role', { exact: true }).selectOption('APPROVER');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('one-time-password')).toBeVisible();
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue('APPROVER');
  });

  test('deactivating a user ends their open session at its next request', async ({ page, browser }) => {
    await page.goto('/users');
    const email = `leaver.${Date.now()}@demo.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Lee Leaver');
    await page.getByRole('button', { name: 'Create user' }).click();
    const otp = (await page.getByTestId('one-time-password').textContent())!;

    const context = await browser.newContext(SIGNED_OUT);
    const leaver = await context.newPage();
    await signIn(leaver, email, otp);
    await leaver.getByLabel('One-time password').fill(otp);
    await leaver.getByLabel('New password').fill('leaver passphrase 1');
    await leaver.getByLabel('Repeat it').fill('leaver passphrase 1');
    await leaver.getByRole('button', { name: 'Set password' }).click();
    await expect(leaver).toHaveURL('/');

    await page.reload();
    const row = page.getByRole('listitem').filter({ hasText: email });
    // One click only asks: Cancel leaves the account as it was.
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: /^Confirm: deactivate/ }).click();
    await expect(row.getByText('Deactivated', { exact: true })).toBeVisible();

    await leaver.goto('/transactions');
    await expect(leaver).toHaveURL(/\/login/);
    await context.close();
  });

  test.describe(() => {
    test.use(asRole('refunder'));

    test('the users page and the audit log are for admins only', async ({ page }) => {
      expect((await page.goto('/users'))?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByText('admin@demo.test')).toHaveCount(0);
      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
    });
  });
});
