import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type DemoApp, demoAccounts, signIn, startDemoApp } from './demo-app.ts';

/**
 * Every number drills down (issue 14): on the demo data, each scorecard card with a value opens a
 * non-empty list of the conversations behind it; time metrics show one row per channel; a trend point
 * opens its week; the search says why each result is there, sorts, downloads what it shows, and the
 * opened conversation highlights the searched words.
 */
describe('drill-down in Chromium', () => {
  let app: DemoApp;
  let supervisor: string;
  let agentId: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const accounts = await demoAccounts(app.url);
    supervisor = accounts.find((a) => a.role === 'supervisor')?.email ?? '';
    const team = await (await apiAs(app.url, supervisor)).query<{ id: string }[]>('agents.list');
    agentId = team[0]?.id ?? '';
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('every card with a value opens a non-empty list; times come per channel; trend points link', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisor);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/agents/${agentId}`);
    await page.locator('.metric-card').first().waitFor();
    // The opportunities come before the metric groups.
    const order = await page.evaluate<boolean>(
      `document.getElementById('opportunities').compareDocumentPosition(document.querySelector('.metric-group')) === Node.DOCUMENT_POSITION_FOLLOWING`,
    );
    expect(order).toBe(true);

    // Response time per channel, each with its own target; no pooled value on the card.
    const response = page.locator('.metric-card[data-metric="responseTimeMs"]');
    const channels = await response
      .locator('table.channel-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-channel')));
    expect(channels.length).toBeGreaterThan(1);
    expect(await response.locator('table.channel-table').textContent()).toMatch(/Voice.*≤ 3\.0 s/);

    // Every drill link of every card: single values and channel rows.
    const links = await page.locator('.metric-card a.drill').evaluateAll((anchors) =>
      anchors.map((a) => ({
        metric: a.closest('.metric-card')?.getAttribute('data-metric') ?? '',
        href: a.getAttribute('href') ?? '',
      })),
    );
    const withValue = await page.locator('.metric-card:not(.no-value)').count();
    const metricsLinked = new Set(links.map((l) => l.metric));
    expect(metricsLinked.size).toBe(withValue);
    expect(withValue).toBeGreaterThan(20);
    for (const link of links) {
      expect(link.href, link.metric).toContain(`metric=${link.metric}`);
      await page.goto(`${app.url}${link.href}`);
      await page.locator('table.conversations tbody tr, .empty').first().waitFor();
      expect(await page.locator('table.conversations tbody tr').count(), link.href).toBeGreaterThan(0);
    }

    // A trend point is a link to its week's conversations.
    await page.goto(`${app.url}/agents/${agentId}`);
    const handle = page.locator('.metric-card[data-metric="empathyRate"]');
    await handle.scrollIntoViewIfNeeded();
    const point = handle.locator('a.trend-point').last();
    await point.waitFor();
    const week = (await point.getAttribute('data-week')) ?? '';
    await point.click();
    await page.locator('table.conversations tbody tr').first().waitFor();
    expect(page.url()).toContain(`metric=empathyRate&from=${week}`);
  });

  test('search results say why, sort by a column, download as CSV and highlight the words', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, app.url, supervisor);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/conversations?q=${encodeURIComponent('anything else')}`);
    const rows = page.locator('table.conversations tbody tr');
    await rows.first().waitFor();
    // The snippet shows the match highlighted; the flags are named, with customer and CSAT columns.
    expect((await rows.first().locator('mark.search-hit').textContent())?.toLowerCase()).toBe(
      'anything else',
    );
    const headers = await page.locator('table.conversations thead th').allTextContents();
    expect(headers.join('|')).toMatch(/Customer.*CSAT.*Flags.*Match/);

    // Sort by CSAT, lowest first: the column says so and the values go up.
    await page.getByRole('button', { name: /^CSAT/ }).click();
    await expect.poll(() => page.url()).toContain('sort=csat&order=desc');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toMatch(/CSAT/);
    await page.getByRole('button', { name: /^CSAT/ }).click();
    await expect.poll(() => page.url()).toContain('sort=csat&order=asc');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/CSAT/);

    // The CSV holds what is shown: the same header and as many rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download these \d+ rows/ }).click(),
    ]);
    const csv = fs
      .readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('Conversation,Started,Agent,Channel,Customer,CSAT,Flags,Match');
    expect(csv.length - 1).toBe(await rows.count());

    // The opened conversation highlights the searched words at the turn that matched.
    await rows.first().getByRole('link').first().click();
    await page.locator('.transcript').waitFor();
    expect(page.url()).toMatch(/\?q=anything\+else#turn-\d+$/);
    expect((await page.locator('.transcript mark.search-hit').first().textContent())?.toLowerCase()).toBe(
      'anything else',
    );
    await context.close();
  });
});
