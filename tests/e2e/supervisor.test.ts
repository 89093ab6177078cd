import { METRIC_IDS, type MetricId, metricDefinition } from '@rapport/metrics';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type DemoApp, demoAccounts, signIn, startDemoApp } from './demo-app.ts';

const GROUPS = [
  'Promptness',
  'Listening',
  'Tone and empathy',
  'Clarity',
  'Ownership and follow-through',
  'Customer outcome',
  'Workload',
];

async function noPageScrollSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

// A supervisor's journey: who interrupts most, their scorecard and evidence, the conversation itself.
describe('supervisor journey in Chromium', () => {
  let app: DemoApp;
  let supervisor: string;
  let disputedText: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const accounts = await demoAccounts(app.url);
    supervisor = accounts.find((a) => a.role === 'supervisor')?.email ?? '';
    // One of the team's agents disputes a flag, for the supervisor to decide.
    const team = await (await apiAs(app.url, supervisor)).query<{ id: string; name: string }[]>(
      'agents.list',
    );
    const agentEmail = accounts.find(
      (a) => a.role === 'agent' && team.some((t) => a.label.startsWith(`${t.name},`)),
    );
    const agent = await apiAs(app.url, agentEmail?.email ?? '');
    const found = await agent.query<{ rows: { id: string; flags: number }[] }>('conversations.search', {
      limit: 50,
    });
    const conversationId = found.rows.find((r) => r.flags > 0)?.id ?? '';
    const detail = await agent.query<{
      evidence: {
        metric: string;
        kind: string;
        turnIndex: number;
        start: number;
        end: number;
        text: string;
      }[];
    }>('conversations.byId', { id: conversationId });
    // A credit counts for the agent and cannot be disputed: take the first flag.
    const flag = detail.evidence.find((e) => e.kind !== 'credit');
    disputedText = flag?.text ?? '';
    await agent.mutate('disputes.create', {
      conversationId,
      evidence: {
        metric: flag?.metric,
        turnIndex: flag?.turnIndex,
        start: flag?.start,
        end: flag?.end,
        text: flag?.text,
      },
      comment: 'I was confirming the order number, not interrupting.',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('finds the agent who interrupts most, reads their scorecard and opens a flagged conversation', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisor);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.getByRole('button', { name: /Interruptions/ }).click();
    await expect
      .poll(() => page.locator('th[aria-sort="descending"]').textContent())
      .toMatch(/Interruptions/);
    const worst = page.locator('table.agents tbody tr').first().getByRole('link').first();
    const name = (await worst.textContent()) ?? '';
    await worst.click();

    // The scorecard: its own URL, every METRICS.md group, each metric with unit, n, median, target, percentile.
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
    expect(page.url()).toMatch(/\/agents\/a-\d+\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
    for (const group of GROUPS) {
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: new RegExp(`^${group}`) }).count())
        .toBe(1);
    }
    expect(await page.locator('.metric-card').count()).toBe(METRIC_IDS.length);
    const card = page.locator('.metric-card', {
      has: page.getByRole('heading', { name: 'Interruptions', exact: true }),
    });
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/\d\.\d\d per conversation/);
    expect(text).toMatch(/Team median/);
    expect(text).toMatch(/Target≤ 0\.50 per conversation/);
    expect(text).toMatch(/better than \d+ % of teammates|no data/);
    // The seed rule: its quote appears when the rule gets keyboard focus.
    const tooltip = card.getByRole('tooltip');
    expect(await tooltip.isVisible()).toBe(false);
    await card.locator('.rule-name').focus();
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/Allow the customer to express their concerns fully/);
    // The weekly trend draws the agent and the team, told apart by the legend and a dashed line.
    await card.locator('.recharts-line-curve').first().waitFor();
    expect(await card.locator('.recharts-legend-wrapper').textContent()).toMatch(
      /\(solid\).*Team median \(dashed\)/,
    );
    expect(await card.locator('.recharts-line-curve[stroke-dasharray="6 4"]').count()).toBe(1);

    // Coaching opportunities come with evidence that opens the conversation at the flagged turn.
    await page.getByRole('heading', { name: 'Coaching opportunities' }).waitFor();
    await page.locator('.opportunity, .opportunities .empty').first().waitFor();
    const evidence = page.locator('.evidence-list a').first();
    if ((await evidence.count()) > 0) {
      const href = (await evidence.getAttribute('href')) ?? '';
      await evidence.click();
      await page.locator('.transcript').waitFor();
      const turn = href.split('#')[1];
      await expect.poll(() => page.evaluate<string>('document.activeElement?.id')).toBe(turn);
      expect(await page.locator(`#${turn} mark`).count()).toBeGreaterThan(0);
      await page.goBack();
    }

    // From the interruptions card to the conversations behind it, the most interrupted first.
    await card.getByRole('link', { name: /conversations behind this value, worst first/ }).click();
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
    const rows = page.locator('table.conversations tbody tr');
    await rows.first().waitFor();
    await rows.first().getByRole('link').click();
    await page.locator('.transcript').waitFor();
    // The interruption is highlighted in place and named in words, not by colour alone.
    const flaggedTurn = page
      .locator('.turn:has(.flag-label[data-metric="interruptionsPerConversation"])')
      .first();
    expect(
      await flaggedTurn.locator('.flag-label[data-metric="interruptionsPerConversation"]').textContent(),
    ).toBe('Interruption');
    expect(await flaggedTurn.locator('mark').count()).toBeGreaterThan(0);
    expect(await flaggedTurn.locator('.speaker').textContent()).toBe('Agent');
    // The voice timeline shows both lanes and marks the interruption.
    expect(await page.locator('.voice-timeline .bar-agent').count()).toBeGreaterThan(0);
    expect(await page.locator('.voice-timeline .bar-customer').count()).toBeGreaterThan(0);
    expect(await page.locator('.voice-timeline .bar-interruption').count()).toBeGreaterThan(0);
    expect(await page.locator('.voice-timeline .overlap').count()).toBeGreaterThan(0);

    // Back on the scorecard: a coaching session from the first opportunity.
    await page.goBack();
    await page.goBack();
    const opportunity = page.locator('.opportunity').first();
    await opportunity.waitFor();
    // A session focuses on a behaviour: a time opportunity's title names its channel, the focus does not.
    const focus = metricDefinition((await opportunity.getAttribute('data-metric')) as MetricId).label;
    await opportunity.getByRole('button', { name: /Plan coaching/ }).click();
    const form = page.getByRole('form', { name: /Plan coaching/ });
    expect(await form.getByRole('checkbox', { name: focus, exact: true }).isChecked()).toBe(true);
    await form
      .getByLabel(/Note for/)
      .fill('Two calls reviewed together: let the customer finish, then answer.');
    await form.getByLabel('Session date').fill('2026-11-02');
    await form.getByRole('button', { name: 'Save coaching session' }).click();
    await page.getByText(/Coaching session saved/).waitFor();
    await page.getByRole('link', { name: /coaching sessions/ }).click();
    const session = page.locator('.session').first();
    await session.waitFor();
    expect(await session.textContent()).toMatch(/Two calls reviewed together/);
    expect(await session.locator('.focus-badge').allTextContents()).toEqual([focus]);
    await session.locator('.impact tbody tr').first().waitFor();
    expect(await session.locator('.impact tbody th').allTextContents()).toEqual([focus]);
  });

  test("decides an agent's dispute", async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, supervisor);
    await page.locator('table.agents tbody tr').first().waitFor();
    // The badge counts what awaits the supervisor: the dispute raised here and the demo's open one of
    // their team.
    const count = page.getByRole('button', { name: /^Notifications/ }).getByTestId('notification-count');
    await expect.poll(() => count.textContent()).toBe('2');
    await page.getByRole('link', { name: 'Disputes' }).click();
    // The one raised here, by its comment (the demo's may quote the same words).
    const card = page.locator('.dispute', { hasText: /confirming the order number/ });
    await card.waitFor();
    expect(await card.textContent()).toContain(disputedText.slice(0, 40));
    await card
      .getByLabel(/Note for the agent/)
      .fill('The recording shows you started while the customer spoke.');
    await card.getByRole('button', { name: /Reject/ }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => count.textContent()).toBe('1');
    await page.getByLabel('Status').selectOption('rejected');
    const decided = page.locator('.dispute', { hasText: /confirming the order number/ });
    await decided.waitFor();
    expect(await decided.textContent()).toMatch(/rejected[\s\S]*the customer spoke/);
  });

  test('what counted for the agent is shown apart from the flags, in words and not by colour alone', async () => {
    const api = await apiAs(app.url, supervisor);
    const found = await api.query<{ rows: { id: string }[] }>('conversations.search', { limit: 20 });
    let thanked = '';
    for (const row of found.rows) {
      const detail = await api.query<{ evidence: { metric: string; kind: string }[] }>('conversations.byId', {
        id: row.id,
      });
      if (detail.evidence.some((e) => e.metric === 'thankRate' && e.kind === 'credit')) {
        thanked = row.id;
        break;
      }
    }
    expect(thanked, 'a demo conversation of the team in which the agent thanks the customer').not.toBe('');
    const page = await app.browser.newPage();
    await signIn(page, app.url, supervisor);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/conversations/${encodeURIComponent(thanked)}`);
    await page.locator('.transcript').waitFor();
    const credit = page.locator('.credit-label[data-metric="thankRate"]').first();
    expect(await credit.textContent()).toBe('✓ Counts for the agent: Thanks');
    expect(await page.locator('mark.credit').count()).toBeGreaterThan(0);
    // A credit offers no dispute and is counted apart from the flags.
    expect(await page.getByText(/^\d+ credits?$/).count()).toBe(1);
  });

  test('on a 390 px phone the scorecard and a conversation fit without sideways scrolling', async () => {
    const page = await app.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, app.url, supervisor);
    // On a phone the overview is one card per agent.
    await page.locator('.agent-card').first().waitFor();
    expect(await noPageScrollSideways(page)).toBe(true);
    await page.locator('.agent-card h2 a').first().click();
    await page.locator('.metric-card').first().waitFor();
    // The opportunities come first; a card's trend loads when the card nears the viewport.
    await page.locator('.metric-card').first().scrollIntoViewIfNeeded();
    await page.locator('.metric-card .recharts-line-curve').first().waitFor();
    expect(await noPageScrollSideways(page)).toBe(true);
    await page.getByRole('link', { name: 'Conversations', exact: true }).click();
    await page.locator('table.conversations tbody tr').first().getByRole('link').click();
    await page.locator('.transcript').waitFor();
    expect(await noPageScrollSideways(page)).toBe(true);
  });
});
