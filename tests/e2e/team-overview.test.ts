import fs from 'node:fs';
import { type MetricId, metricDefinition } from '@rapport/metrics';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoApp, demoAccounts, signIn, startDemoApp } from './demo-app.ts';

// The real server on real PostgreSQL with the demo set (3,000 conversations), opened in real Chromium.
describe('team overview in Chromium', () => {
  let app: DemoApp;
  let supervisorEmail: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const supervisor = (await demoAccounts(app.url)).find((a) => a.role === 'supervisor');
    if (!supervisor) throw new Error('the demo has no supervisor account');
    supervisorEmail = supervisor.email;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const rows = (page: Page) => page.locator('table.agents tbody tr');

  test('every demo agent with opportunities, grouped metrics, per-channel durations and a chart', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.getByRole('heading', { name: 'Team overview' }).waitFor();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(40);
    // The demo's data ends on 2026-11-19, before any day this test runs on: the page says how old it is.
    expect(await page.locator('p.period').textContent()).toContain('latest data: Nov 19, 2026');
    // A column group per registry group shown, and the response time once per channel, never pooled.
    const groups = await page.locator('thead th.group-head').allTextContents();
    expect(groups).toEqual(
      expect.arrayContaining(['Promptness', 'Listening', 'Tone and empathy', 'Customer outcome']),
    );
    const voice = page.locator('thead th[data-column="responseTimeMs:voice"]');
    expect(await voice.textContent()).toMatch(/Response time · voice.*≤ 3\.0 s \(voice response target\)/);
    expect(await page.locator('thead th[data-column="responseTimeMs:email"]').textContent()).toMatch(
      /≤ 4\.0 h \(email response target\)/,
    );
    // Every cell: value with unit, n, a sparkline, the target status in words; and it links to the evidence.
    const cell = page.locator('td[data-column="responseTimeMs:chat"] a.cell:not(.status-no-data)').first();
    expect(await cell.textContent()).toMatch(/\d+(\.\d)? (ms|s|min|h)n \d+.*(meets|misses) target/);
    expect(await cell.locator('svg.sparkline').count()).toBe(1);
    expect(await cell.getAttribute('href')).toMatch(
      /^\/conversations\?agent=[^&]+&metric=responseTimeMs&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&channel=chat$/,
    );
    // A missed target reads as such in words, not only in colour.
    expect(await page.locator('a.cell.status-misses .cell-status').first().textContent()).toContain(
      '✗ misses target',
    );
    // Needs attention first: the scores fall down the table, and the rule is stated.
    const scores = (await page.locator('table.agents tbody tr td:nth-child(2)').allTextContents()).map(
      Number,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.locator('.how-to-read').textContent()).toMatch(/counts twice/);
    const footer = page.locator('table.agents tfoot tr', { hasText: 'Team median' });
    // The team line states its peer set, as every team median does.
    expect(await footer.textContent()).toMatch(/median of \d+ teammates with ≥ 5 conversations/);
    const line = page.locator('.recharts-line-curve').first();
    await line.waitFor();
    expect(await line.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
    // Nothing is cut off: the page itself never scrolls sideways at 1280 px; the table says when it does.
    expect(await page.evaluate('document.scrollingElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  test('the supervisor finds the worst-trending metric and opens its evidence in three clicks', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisorEmail);
    await rows(page).first().waitFor();
    // From the overview alone: the worsening opportunity with the highest severity, whatever its metric.
    const worsening = page.locator('a.opportunity.trend-worsening');
    expect(await worsening.count()).toBeGreaterThan(0);
    const severities = (await worsening.evaluateAll((links) =>
      links.map((l) => Number(l.getAttribute('data-severity'))),
    )) as number[];
    const worst = worsening.nth(severities.indexOf(Math.max(...severities)));
    const metric = (await worst.getAttribute('data-metric')) as MetricId;
    await worst.click(); // 1
    await page.waitForURL(new RegExp(`/conversations\\?agent=[^&]+&metric=${metric}&from=`));
    // The conversations behind it, worst first: for any metric, flagged or continuous.
    const first = page.locator('table.conversations tbody tr').first().getByRole('link');
    await first.waitFor();
    await first.click(); // 2
    await page.locator('.transcript').waitFor();
    // A behaviour with evidence shows it highlighted; a time or outcome is the conversation itself.
    if (metricDefinition(metric).evidence !== null) {
      expect(await page.locator('.transcript mark').count()).toBeGreaterThan(0);
    }
  });

  test('a saved view reopens identically from its link in a new session', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, supervisorEmail);
    await rows(page).first().waitFor();
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption('chat');
    await page.locator('.column-picker summary').click();
    await page.getByRole('checkbox', { name: /Non-talk time/ }).check();
    await page.getByRole('checkbox', { name: /^Jargon/ }).uncheck();
    await page.getByLabel('Compare with the previous period').check();
    await page.locator('thead th[data-column="responseTimeMs:chat"] button').click();
    await expect
      .poll(() => page.locator('th[data-column="responseTimeMs:chat"]').getAttribute('aria-sort'))
      .toBe('descending');
    await page.locator('.cell-change').first().waitFor();
    const shown = await tableText(page);
    await page.getByLabel('View name').fill('Chat, slowest first');
    await page.getByRole('button', { name: 'Save this view' }).click();
    const link = page.getByRole('link', { name: 'link to this view' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/^\/\?view=\d+$/);
    await context.close();

    const later = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const again = await later.newPage();
    await signIn(again, app.url, supervisorEmail);
    await rows(again).first().waitFor();
    await again.goto(`${app.url}${href}`);
    await again.locator('.current-view', { hasText: 'Chat, slowest first' }).waitFor();
    await again.locator('.cell-change').first().waitFor();
    expect(await tableText(again)).toEqual(shown);
    expect(await again.getByRole('combobox', { name: /^Channel/ }).inputValue()).toBe('chat');
    await later.close();
  });

  test('a saved search reopens identically from its link in a new session', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, supervisorEmail);
    await rows(page).first().waitFor();
    await page.goto(`${app.url}/conversations`);
    const results = page.locator('table.conversations tbody tr');
    await results.first().waitFor();
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption('chat');
    await expect.poll(() => page.url()).toContain('channel=chat');
    await page.getByRole('searchbox', { name: /^Text/ }).fill('anything else');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.url()).toContain('q=anything+else');
    // CSAT, lowest first: the second click turns the column round.
    await page.getByRole('button', { name: /^CSAT/ }).click();
    await expect.poll(() => page.url()).toContain('sort=csat&order=desc');
    await page.getByRole('button', { name: /^CSAT/ }).click();
    await expect.poll(() => page.url()).toContain('sort=csat&order=asc');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/CSAT/);
    await page.locator('mark.search-hit').first().waitFor();
    const shown = await searchText(page);
    expect(shown.length).toBeGreaterThan(2);
    await page.getByLabel('View name').fill('Chat, lowest CSAT first');
    await page.getByRole('button', { name: 'Save this view' }).click();
    const link = page.getByRole('link', { name: 'link to this view' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/^\/conversations\?view=\d+$/);
    await context.close();

    const later = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const again = await later.newPage();
    await signIn(again, app.url, supervisorEmail);
    await rows(again).first().waitFor();
    await again.goto(`${app.url}${href}`);
    await again.locator('.current-view', { hasText: 'Chat, lowest CSAT first' }).waitFor();
    // The same filters and sort, in the form and in the URL, and the same first rows.
    expect(again.url()).toMatch(/channel=chat.*q=anything\+else.*sort=csat&order=asc/);
    expect(await again.getByRole('combobox', { name: /^Channel/ }).inputValue()).toBe('chat');
    expect(await again.getByRole('searchbox', { name: /^Text/ }).inputValue()).toBe('anything else');
    await again.locator('mark.search-hit').first().waitFor();
    expect(await searchText(again)).toEqual(shown);
    await later.close();
  });

  test('the CSV holds what is shown: its rows, headings with units, n and status', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signIn(page, app.url, supervisorEmail);
    await rows(page).first().waitFor();
    const names = await page.locator('table.agents tbody th a').allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const file = await download.path();
    const records = parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(records.map((r) => r.Agent)).toEqual(names);
    const first = records[0] as Record<string, string>;
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'Response time · voice (s)',
        'Response time · voice n',
        'Shows empathy (%)',
        'CSAT (score)',
      ]),
    );
    expect(Number(first['Shows empathy n'])).toBeGreaterThan(0);
    expect(first['Shows empathy target status']).toMatch(/^(meets|misses) target$/);
  });

  test('at 390 px the overview is a card list and no page scrolls sideways outside a table', async () => {
    const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, app.url, supervisorEmail);
    await page.locator('.agent-card').first().waitFor();
    expect(await page.locator('table.agents').count()).toBe(0);
    const agent = await page.locator('.agent-card h2 a').first().getAttribute('href');
    const searched = '/conversations?channel=chat&metric=responseTimeMs&q=anything+else&sort=csat&order=asc';
    for (const path of ['/', '/conversations', searched, agent as string, '/coaching', '/disputes']) {
      await page.goto(`${app.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      // The page itself never scrolls sideways; a wide table scrolls inside its marked container.
      const overflow = await page.evaluate(`(() => {
        const wide = [...document.querySelectorAll('main *')].filter((e) => {
          const r = e.getBoundingClientRect();
          return r.right > window.innerWidth + 1 && !e.closest('.table-wrap');
        });
        return { page: document.scrollingElement.scrollWidth - window.innerWidth, outside: wide.length };
      })()`);
      expect(overflow, path).toEqual({ page: 0, outside: 0 });
    }
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
    await rows(page).first().locator('th a').click();
    await page.locator('.metric-card').first().waitFor();
    // A card's trend chart loads as the card nears the screen.
    await page.locator('.metric-card').first().scrollIntoViewIfNeeded();
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

  test('sorts by interruptions from the keyboard, worst first, no data last', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, 'admin@rapport.demo');
    await rows(page).first().waitFor();
    await page.locator('th[data-column="interruptionsPerConversation"] button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    expect(page.url()).toContain('sort=interruptionsPerConversation&dir=desc');
    const column = await page
      .locator('table.agents tbody td[data-column="interruptionsPerConversation"] .cell-value')
      .allInnerTexts();
    const values = column.filter((v) => v !== 'no data').map((v) => Number.parseFloat(v));
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(column.slice(values.length).every((v) => v === 'no data')).toBe(true);
  });

  test('a wrong password is refused with a message; the demo accounts are offered', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo', 'wrong password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong email or password/);
    expect(await page.getByRole('heading', { name: 'Demo accounts' }).count()).toBe(1);
  });

  test('a supervisor sees only their own team', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisorEmail);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(10);
    const teams = new Set(await page.locator('table.agents tbody th .row-team').allTextContents());
    expect(teams.size).toBe(1);
  });
});

/** What the search shows, header and its first ten rows, as text. */
async function searchText(page: Page): Promise<string[]> {
  const header = await page.locator('table.conversations thead th').allInnerTexts();
  const first = await page.locator('table.conversations tbody tr').allInnerTexts();
  return [...header, ...first.slice(0, 10)];
}

/** What the table shows, header and rows, as text: two views are the same when this is. */
async function tableText(page: Page): Promise<string[]> {
  return page.locator('table.agents thead th, table.agents tbody tr').allInnerTexts();
}
