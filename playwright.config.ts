import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// `npm test` runs this against a fresh database (E2E_DATABASE_URL) on its own port. Chromium is
// Debian's where installed (Playwright cannot download browsers on every machine), else Playwright's.
const port = Number(process.env.E2E_PORT ?? 3100);
// The sandbox on a known port, so tests can register payments and switch faults on it.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? port + 1001);
process.env.E2E_SANDBOX_PORT = String(sandboxPort);
// E2E_BASE_URL: test a server that is already running (the release folder, tests/release/smoke.ts)
// instead of starting `npm start`. Only specs that need no demo data and no sandbox admin make sense there.
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://localhost:${port}`;
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
    // Last: the whole run's server log, read for request ids and for any secret (tests/e2e/log-scan.check.ts).
    { name: 'log-scan', testMatch: /log-scan\.check\.ts$/, dependencies: ['chromium'] },
  ],
  webServer: external
    ? undefined
    : {
        // npm start, its output also kept for the log scan (tests/e2e/server-with-log.ts).
        command: 'node node_modules/tsx/dist/cli.mjs tests/e2e/server-with-log.ts',
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
