import { expect, type Page } from '@playwright/test';
import { DEMO_USERS, type DemoUser } from '../../lib/demo/dataset';

export function demoUser(key: DemoUser['key']): DemoUser {
  return DEMO_USERS.find((u) => u.key === key)!;
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAs(page: Page, key: DemoUser['key']) {
  const user = demoUser(key);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

const SHOTS = 'tests/artifacts/screenshots';
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;

/** Screenshots at both widths into tests/artifacts/screenshots; on the phone, nothing may be wider than the screen. */
export async function shoot(page: Page, name: string) {
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.evaluate(() => document.fonts.ready);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} scrolls sideways on a 375 px phone`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDTHS.desktop);
}
