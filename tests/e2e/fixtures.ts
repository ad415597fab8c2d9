import path from 'node:path';
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

export type Role = 'admin' | 'refunder' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'refunder', 'viewer'];

/**
 * The account whose session the specs acting as `role` share: signed in once, through the login
 * form, by auth.setup.ts. Not the demo user itself: signing out ends every session of the user who
 * signs out (the session version goes up), and login.spec.ts and pages.spec.ts sign the demo users
 * out. So each role has a second account, a copy of the demo user (same role, same password) that
 * no spec signs out, deactivates or changes.
 */
export function sessionUser(role: Role) {
  const demo = demoUser(role);
  return { email: `${role}.e2e@demo.test`, name: `E2E ${demo.name}`, password: demo.password, copyOf: demo.email };
}

const AUTH_DIR = path.resolve(import.meta.dirname, '.auth');

/** Where auth.setup.ts keeps a role's signed-in browser state (cookies); gitignored. */
export function storageStateFile(role: Role): string {
  return path.join(AUTH_DIR, `${role}.json`);
}

/** For test.use() or browser.newContext(): start signed in as `role`, without the login form. */
export function asRole(role: Role) {
  return { storageState: storageStateFile(role) };
}

/**
 * For a context that must start with nobody signed in, inside tests that use asRole(): in a test,
 * browser.newContext() and request.newContext() take the test's options, stored session included.
 */
export const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

/**
 * Records every Content-Security-Policy violation the pages of `page` report (issue 14, gap 6);
 * shoot() then fails on any. Call before the first navigation.
 */
export async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

const SHOTS = 'tests/artifacts/screenshots';
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;

/** Screenshots at both widths into tests/artifacts/screenshots; on the phone, nothing may be wider than the screen. */
export async function shoot(page: Page, name: string) {
  expect(await cspViolations(page), `${name} breaks the Content-Security-Policy`).toEqual([]);
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
