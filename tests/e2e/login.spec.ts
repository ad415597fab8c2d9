import { expect, test } from '@playwright/test';
import { demoUser, signIn, signInAs } from './fixtures';

test.describe('signing in', () => {
  for (const key of ['admin', 'refunder', 'viewer'] as const) {
    test(`${key} signs in with the browser form and out again`, async ({ page }) => {
      await signInAs(page, key);
      await expect(page).toHaveURL('/');
      const role = { admin: 'Admin', refunder: 'Refunder', viewer: 'Viewer' }[key];
      await expect(page.getByTitle('Your role')).toHaveText(role);
      await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(key === 'admin' ? 1 : 0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto('/transactions');
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    });
  }

  test('a wrong password is refused with the same message as an unknown account', async ({ page }) => {
    await signIn(page, demoUser('viewer').email, 'not-the-password');
    const message = page.getByRole('main').getByRole('alert');
    await expect(message).toHaveText('Email or password is incorrect, or the account is not active.');
    await signIn(page, 'nobody@demo.test', 'whatever-password');
    await expect(message).toHaveText('Email or password is incorrect, or the account is not active.');
    await expect(page).toHaveURL(/\/login/);
  });

  test('a deactivated user is refused', async ({ page }) => {
    const former = demoUser('former');
    await signIn(page, former.email, former.password);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Email or password is incorrect, or the account is not active.',
    );
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });

  test('signing in returns to the page that was asked for', async ({ page }) => {
    await page.goto('/refunds?status=UNKNOWN');
    await expect(page).toHaveURL(/\/login\?next=/);
    const refunder = demoUser('refunder');
    await page.getByLabel('Email').fill(refunder.email);
    await page.getByLabel('Password').fill(refunder.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/refunds?status=UNKNOWN');
  });
});
