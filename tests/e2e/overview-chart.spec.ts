// The overview's chart is an image from /volume-chart (components/charts/refund-volume-chart.tsx says
// why): it loads under the page's Content-Security-Policy, answers only a session, and is kept by the
// browser only at an address that names what it draws.
import { expect, test } from '@playwright/test';
import { asRole, SIGNED_OUT } from './fixtures';

test.describe(() => {
  test.use(asRole('viewer'));

  test('the chart image loads for the breakpoint shown, at desktop and phone width', async ({ page }) => {
    for (const viewport of [
      { width: 1440, height: 900, size: 'lg' },
      { width: 390, height: 844, size: 'sm' },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto('/?period=90d');
      const chart = page.getByRole('img', { name: /^Refunds per day, last 90 days/ });
      await chart.scrollIntoViewIfNeeded();
      await expect
        .poll(() => chart.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
        .toBeGreaterThan(0);
      const shown = await chart.evaluate((img: HTMLImageElement) => img.currentSrc);
      expect(shown).toContain(`size=${viewport.size}`);
      expect(shown).toMatch(/[?&]v=[\w-]{16}/);
    }
  });

  test('the image route draws bars, is cached only by hash, and refuses a size it does not have', async ({ page }) => {
    const drawn = await page.request.get('/volume-chart?period=90d&size=md&v=0123456789abcdef');
    expect(drawn.status()).toBe(200);
    expect(drawn.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(drawn.headers()['cache-control']).toBe('private, max-age=86400, immutable');
    const svg = await drawn.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 700 260"/);
    expect(svg).toContain('<path stroke=');

    const unversioned = await page.request.get('/volume-chart?period=7d&size=sm');
    expect(unversioned.headers()['cache-control']).toBe('private, no-cache');

    const bad = await page.request.get('/volume-chart?period=90d&size=xl');
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toMatch(/size is one of lg, md, sm/);
  });
});

test.describe(() => {
  test.use(SIGNED_OUT);

  test('signed out, the image route gives nothing away', async ({ request }) => {
    const answer = await request.get('/volume-chart?period=90d&size=lg', { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(answer.status());
    expect(await answer.text()).not.toContain('<svg');
  });
});
