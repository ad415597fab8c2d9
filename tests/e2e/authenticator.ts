// A person with an authenticator app, for the browser tests that need a second factor (two-factor
// sign-in, step-up for large refunds and bulk batches): a copy of a demo user's role and password in
// a browser of their own, and codes computed as the app would from the key the enrolment page shows.
import { expect, type Browser, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { SIGNED_OUT, demoUser, shoot, signIn, watchCsp } from './fixtures';
import { ensureUserCopy } from './world';

/** An authenticator app: the key from the enrolment page; each time step used once (the server refuses a step twice). */
export class Authenticator {
  private lastStep = -Infinity;
  constructor(private readonly secret: string) {}

  async code(): Promise<string> {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(this.lastStep + 1, current);
    // The server takes one step either side of now: wait when the next unused one is further ahead.
    if (step > current + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
    this.lastStep = step;
    return TOTP.generate({ secret: Secret.fromBase32(this.secret), timestamp: step * 30_000 + 1_000 });
  }
}

export interface Person {
  email: string;
  password: string;
  page: Page;
}

/** A new person with a demo user's role and password, signed in in a browser of their own. */
export async function person(browser: Browser, role: 'viewer' | 'refunder', name: string): Promise<Person> {
  const demo = demoUser(role);
  const email = `${name}.${Date.now()}@demo.test`;
  await ensureUserCopy({ email, name: `Two-Factor ${name}`, copyOf: demo.email });
  const page = await (await browser.newContext(SIGNED_OUT)).newPage();
  await watchCsp(page); // the QR code, the codes' download link: within the policy (shoot() checks)
  await signIn(page, email, demo.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return { email, password: demo.password, page };
}

/** Sets up two-factor sign-in through the enrolment page; returns the app and the recovery codes. */
export async function enrol(page: Page, { screenshots = false } = {}) {
  await page.goto('/two-factor');
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  if (screenshots) await shoot(page, 'two-factor-setup');
  const app = new Authenticator(secret);
  await page.getByLabel('Enter the code the app shows').fill(await app.code());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('status')).toHaveText(/Two-factor sign-in is on/);
  const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  // The key has left the page.
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);
  if (screenshots) await shoot(page, 'two-factor-recovery-codes');
  return { app, recoveryCodes };
}
