// An authenticator app for browser tests: sets up two-factor sign-in from the key the enrolment page
// shows and computes codes from it, each time step used once (the server refuses a step twice).
// (tests/e2e/two-factor.spec.ts keeps its own copy of the same few lines.)
import { expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

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

/** Sets up two-factor sign-in through the enrolment page, as a person would; returns their app. */
export async function enrolTwoFactor(page: Page): Promise<Authenticator> {
  await page.goto('/two-factor');
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  const app = new Authenticator(secret);
  await page.getByLabel('Enter the code the app shows').fill(await app.code());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('status')).toHaveText(/Two-factor sign-in is on/);
  return app;
}
