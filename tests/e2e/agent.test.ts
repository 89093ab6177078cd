import { METRIC_IDS } from '@rapport/metrics';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type DemoApp, demoAccounts, signIn, startDemoApp } from './demo-app.ts';

interface SearchPage {
  rows: { id: string; agentId: string; flags: number }[];
}

const NOTE = 'Let the customer finish before you answer; count to two in your head.';

// An agent's journey: their own scorecard and conversations, and a plain refusal for anyone else's.
describe('agent journey in Chromium', () => {
  let app: DemoApp;
  let agent: { email: string; label: string };
  let ownId: string;
  let otherId: string;
  let otherConversation: string;
  let flaggedConversation: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const accounts = await demoAccounts(app.url);
    agent = accounts.find((a) => a.role === 'agent') ?? { email: '', label: '' };
    const admin = await apiAs(app.url, 'admin@rapport.demo');
    const agents = await admin.query<{ id: string; name: string | null }[]>('agents.list');
    ownId = agents.find((a) => agent.label.startsWith(`${a.name},`))?.id ?? '';
    otherId = agents.find((a) => a.id !== ownId)?.id ?? '';
    const theirs = await admin.query<SearchPage>('conversations.search', { agentId: otherId, limit: 1 });
    otherConversation = theirs.rows[0]?.id ?? '';
    const mine = await admin.query<SearchPage>('conversations.search', { agentId: ownId, limit: 50 });
    flaggedConversation = mine.rows.find((r) => r.flags > 0)?.id ?? '';
    // A session recorded for this agent, to read and acknowledge.
    await admin.mutate('coaching.create', {
      agentId: ownId,
      focusMetrics: ['interruptionsPerConversation'],
      note: NOTE,
      sessionDate: '2026-11-02',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('lands on their own scorecard and sees only their own data', async () => {
    expect(ownId).toMatch(/^a-\d+$/);
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, agent.email);
    await page.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/agents/${ownId}`);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['My scorecard', 'My conversations', 'My coaching', 'My disputes']);
    await page.locator('.metric-card').first().waitFor();
    expect(await page.locator('.metric-card').count()).toBe(METRIC_IDS.length);

    // Their conversations: no agent picker, no agent column, and every row opens as theirs.
    await page.getByRole('link', { name: 'My conversations' }).click();
    await page.getByRole('heading', { name: 'My conversations' }).waitFor();
    await page.locator('table.conversations tbody tr').first().waitFor();
    expect(await page.getByRole('combobox', { name: 'Agent' }).count()).toBe(0);
    expect(await page.locator('table.conversations thead th').allTextContents()).not.toContain('Agent');
    await page.locator('table.conversations tbody tr').first().getByRole('link').click();
    await page.locator('.transcript').waitFor();
    expect(await page.locator('.facts').textContent()).toMatch(new RegExp(agent.label.split(',')[0] ?? ''));

    // The start page of supervisors sends an agent to their own scorecard.
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/agents/${ownId}`);
  });

  test("another agent's scorecard and conversation are refused with a clear message", async () => {
    expect(otherConversation).not.toBe('');
    const page = await app.browser.newPage();
    await signIn(page, app.url, agent.email);
    await page.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();

    await page.goto(`${app.url}/agents/${otherId}`);
    const refusal = page.getByRole('alert');
    // Someone else's scorecard reads as no such agent: ids cannot be probed.
    await refusal.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await refusal.textContent()).toMatch(new RegExp(`No agent with id "${otherId}"`));
    expect(await page.locator('.metric-card').count()).toBe(0);

    await page.goto(`${app.url}/conversations/${otherConversation}`);
    await page.getByRole('alert').getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.locator('.transcript').count()).toBe(0);

    // Pages for other roles are refused before any data is asked for.
    await page.goto(`${app.url}/hr`);
    await page.getByRole('alert').getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/signed in as agent/);
  });

  test('reads and acknowledges a coaching session', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, agent.email);
    await page.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();
    // The badge counts what awaits the agent: the session (the demo data holds no notifications).
    const badge = page.getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => badge.getByTestId('notification-count').textContent()).toBe('1');
    // The menu opens from the keyboard, lists it, and Escape gives focus back to the button.
    await badge.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('region', { name: 'Notifications' });
    await menu.getByRole('link', { name: 'Unread: Coaching session to acknowledge' }).waitFor();
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await badge.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    await page.getByRole('link', { name: 'My coaching' }).click();
    const session = page.locator('.session', { hasText: NOTE });
    await session.waitFor();
    expect(await session.textContent()).toMatch(/Interruptions/);
    expect(await session.textContent()).toMatch(/Not acknowledged yet/);
    // Before and after the session, per focus metric, with units and n.
    await session.locator('.impact tbody tr').first().waitFor();
    expect(await session.locator('.impact tbody tr').first().textContent()).toMatch(
      /Interruptions.*\(n \d+\)/,
    );
    await session.getByRole('button', { name: 'Acknowledge' }).click();
    await session.getByText(/^✓ Acknowledged/).waitFor();
    expect(await session.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await expect.poll(() => badge.getByTestId('notification-count').textContent()).toBe('0');
    await page.reload();
    await page
      .locator('.session', { hasText: NOTE })
      .getByText(/Acknowledged/)
      .waitFor();
  });

  test('disputes a flag from the conversation view', async () => {
    expect(flaggedConversation).not.toBe('');
    const page = await app.browser.newPage();
    await signIn(page, app.url, agent.email);
    await page.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();
    await page.goto(`${app.url}/conversations/${flaggedConversation}`);
    await page.locator('.transcript').waitFor();
    const dispute = page.getByRole('button', { name: /^Dispute the flag/ }).first();
    const flagName = ((await dispute.textContent()) ?? '').replace(/^Dispute the flag “(.*)”$/, '$1');
    await dispute.click();
    const reason = page.getByLabel(/Why is the flag/);
    // The form opens with the focus in its text box.
    await expect.poll(() => reason.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await reason.fill('The customer had already finished; the recording lags.');
    await page.getByRole('button', { name: 'Send dispute' }).click();
    await page.getByText('disputed, waiting for a decision').first().waitFor();

    await page.getByRole('link', { name: 'My disputes' }).click();
    const card = page.locator('.dispute').first();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/waiting for a decision/);
    expect(await card.textContent()).toContain(flagName);
    expect(await card.textContent()).toMatch(/the recording lags/);
  });
});
