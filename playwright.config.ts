import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// `npm test` runs this against a fresh database (E2E_DATABASE_URL) on its own port. Chromium is
// Debian's where installed (Playwright cannot download browsers on every machine), else Playwright's.
const port = Number(process.env.E2E_PORT ?? 3100);
// The sandbox on a known port, so tests can register payments and switch faults on it.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? port + 1001);
process.env.E2E_SANDBOX_PORT = String(sandboxPort);
const baseURL = `http://localhost:${port}`;
const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signs each role in once and keeps its session (tests/e2e/.auth/) for the specs to reuse.
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...devices['Desktop Chrome'] } },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] },
  ],
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      // Card refunds finish quickly, and a timeout is given up on quickly, so the tests stay short.
      SANDBOX_ASYNC_DELAY_MS: '1500',
      ANTOM_TIMEOUT_MS: '1500',
      ANTOM_MAX_RETRIES: '1',
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
