import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoApp, signIn, startDemoApp } from './demo-app.ts';

// The real server on real PostgreSQL with the demo set (3,000 conversations), opened in real Chromium.
describe('team overview in Chromium', () => {
  let app: DemoApp;

  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('shows every demo agent in the table and a weekly response-time chart', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.getByRole('heading', { name: 'Team overview' }).waitFor();
    const rows = page.locator('table.agents tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(40);
    // The demo's data ends on 2026-11-19, before any day this test runs on: the page says how old it is.
    expect(await page.locator('p.period').textContent()).toContain('latest data: Nov 19, 2026');
    // Durations carry units; voice-only metrics exist for agents with calls.
    const firstRow = await rows.first().textContent();
    expect(firstRow).toMatch(/\d+(\.\d)? (ms|s|min|h)/);
    // The footer compares every agent with the team median and the target.
    const median = page.locator('table.agents tfoot tr', { hasText: 'Team median' });
    expect(await median.locator('td.num').first().textContent()).toMatch(/\d+(\.\d)? (ms|s|min|h)/);
    expect(await page.locator('table.agents tfoot tr', { hasText: 'Target' }).textContent()).toMatch(
      /≤ 50 %/,
    );
    const line = page.locator('.recharts-line-curve').first();
    await line.waitFor();
    expect(await line.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
    expect(await page.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBeGreaterThan(1);
  });

  test('the app runs under its Content-Security-Policy: charts drawn, no violation reported', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    // Browser code as text: the tests compile without the DOM library.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) =>
        console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
    });
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('.recharts-line-curve').first().waitFor();
    await page.locator('table.agents tbody tr').first().getByRole('link').click();
    await page.locator('.metric-card').first().waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.goto(`${app.url}/conversations`);
    await page.locator('table.conversations tbody tr').first().getByRole('link').click();
    await page.locator('.transcript').waitFor();
    expect(violations).toEqual([]);
    // The listener does hear a violation: an inline style sheet injected now is blocked and reported.
    await page.evaluate(`{
      const style = document.createElement('style');
      style.textContent = 'body { color: red; }';
      document.head.append(style);
    }`);
    await expect.poll(() => violations.some((v) => /style-src/.test(v))).toBe(true);
  });

  test('sorts by interruptions from the keyboard, worst first', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('table.agents tbody tr').first().waitFor();
    const header = page.getByRole('button', { name: /Interruptions/ });
    await header.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    const column = await page.locator('table.agents tbody tr td:nth-child(8)').allInnerTexts();
    const values = column.filter((v) => v !== 'no data').map(Number);
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  test('a wrong password is refused with a message; the demo accounts are offered', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo', 'wrong password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong email or password/);
    expect(await page.getByRole('heading', { name: 'Demo accounts' }).count()).toBe(1);
  });

  test('a supervisor sees only their own team', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.url);
    const supervisor = page.getByRole('button', { name: /supervisor of/ }).first();
    await supervisor.click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const rows = page.locator('table.agents tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);
    const teams = new Set(await page.locator('table.agents tbody tr td:nth-child(2)').allTextContents());
    expect(teams.size).toBe(1);
  });
});
