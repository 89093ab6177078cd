import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type DemoApp, demoAccounts, signIn, startDemoApp } from './demo-app.ts';

const THANKS = 'Did the agent thank the customer?';
const COMMENT = 'Warm and quick; close with a thank-you.';
const APPEAL = 'I thanked the customer in my first message.';
const DECISION = 'The first message thanks nobody; the review stands.';
const TURN_COMMENT = 'Here a thank-you would have fitted.';

/** Answers every question of a rubric form: "Yes" and 5, except the questions named with their answer. */
async function answerAll(page: Page, except: Record<string, string> = {}): Promise<void> {
  for (const question of await page.locator('.rubric-question').all()) {
    const name = (await question.getAttribute('aria-label')) ?? '';
    const scale = (await question.getByLabel('Yes', { exact: true }).count()) > 0 ? 'Yes' : '5';
    await question.getByLabel(except[name] ?? scale, { exact: true }).check();
  }
}

// Human review: a supervisor reviews with the engine's pre-answers, the agent appeals, two reviewers calibrate.
describe('reviews in Chromium', () => {
  let app: DemoApp;
  let supervisor: { email: string; id: number };
  let agentEmail: string;
  let conversationId: string;
  let missingThanks: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const accounts = await demoAccounts(app.url);
    const supervisorEmail = accounts.find((a) => a.role === 'supervisor')?.email ?? '';
    const admin = await apiAs(app.url, 'admin@rapport.demo');
    const users = await admin.query<{ id: number; email: string }[]>('admin.users.list');
    supervisor = { email: supervisorEmail, id: users.find((u) => u.email === supervisorEmail)?.id ?? 0 };
    const lead = await apiAs(app.url, supervisorEmail);
    const team = await lead.query<{ id: string; name: string }[]>('agents.list');
    agentEmail =
      accounts.find((a) => a.role === 'agent' && team.some((t) => a.label.startsWith(`${t.name},`)))?.email ??
      '';
    // One of the agent's conversations where the engine found the thanks missing.
    const agent = await apiAs(app.url, agentEmail);
    const found = await agent.query<{ rows: { id: string }[] }>('conversations.search', {
      metric: 'thankRate',
      limit: 1,
    });
    conversationId = found.rows[0]?.id ?? '';
    const detail = await agent.query<{ evidence: { metric: string; kind: string; text: string }[] }>(
      'conversations.byId',
      { id: conversationId },
    );
    missingThanks = detail.evidence.find((e) => e.metric === 'thankRate' && e.kind !== 'credit')?.text ?? '';
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('a supervisor reviews a conversation from the engine’s pre-answers and the evidence behind them', async () => {
    expect(missingThanks).not.toBe('');
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisor.email);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/conversations/${encodeURIComponent(conversationId)}`);
    const form = page.getByRole('form', { name: 'Review' });
    await form.waitFor();
    // The engine answered "no" to the thanks question and shows the words that justify it.
    const thanks = form.getByRole('radiogroup', { name: THANKS });
    expect(await thanks.getByLabel('No', { exact: true }).isChecked()).toBe(true);
    expect(await thanks.locator('.pre-answer').textContent()).toContain('Engine: No');
    expect(await thanks.locator('.pre-answer-evidence').textContent()).toContain(missingThanks);
    // The two 1–5 questions are the reviewer's alone; everything else starts from the engine.
    await form
      .getByRole('radiogroup', { name: 'How patient and courteous was the agent overall?' })
      .getByLabel('4')
      .check();
    await form
      .getByRole('radiogroup', { name: 'How well did the agent resolve the customer’s issue?' })
      .getByLabel('5')
      .check();
    // A comment on one turn: the turn chosen from the list, added, then submitted with the review.
    const turnPicker = form.getByLabel('Turn', { exact: true });
    const chosenTurn = Number(await turnPicker.inputValue());
    expect(await turnPicker.locator('option:checked').textContent()).toMatch(/^Turn \d+ · agent: /);
    await form.getByLabel(`Comment on turn ${chosenTurn + 1}`).fill(TURN_COMMENT);
    await form.getByRole('button', { name: 'Add the comment' }).click();
    expect(await form.locator('.turn-comments li').textContent()).toContain(TURN_COMMENT);
    await form.getByLabel('Comment for the agent').fill(COMMENT);
    await form.getByRole('button', { name: 'Submit the review' }).click();
    const saved = page.locator('.review-done');
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/Review saved: \d+ %/);
    // Stored as answered: the engine's "no" kept, the reviewer's 4.
    const stored = await (await apiAs(app.url, supervisor.email)).query<
      {
        conversationId: string;
        answers: Record<string, unknown>;
        comment: string;
        turnComments: { turn: number; text: string }[];
      }[]
    >('reviews.list');
    expect(stored.find((r) => r.conversationId === conversationId)).toMatchObject({
      answers: { thanks: 'no', courtesy: 4, resolution: 5 },
      comment: COMMENT,
      turnComments: [{ turn: chosenTurn, text: TURN_COMMENT }],
    });
    // The team overview has it beside the automatic numbers: one agent reviewed once, the rest none.
    await page.goto(`${app.url}/`);
    await page.locator('table.agents tbody tr').first().waitFor();
    const cells = await page.locator('table.agents td.review-cell').allTextContents();
    expect(cells.filter((text) => /^\d+ % over 1 review$/.test(text))).toHaveLength(1);
    expect(cells.filter((text) => text === 'no reviews')).toHaveLength(cells.length - 1);
  });

  test('the agent appeals the review and sees the supervisor’s decision', async () => {
    const agentPage = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(agentPage, app.url, agentEmail);
    await agentPage.getByRole('heading', { level: 1, name: /^My scorecard/ }).waitFor();
    // The review's score beside the automatic measurements.
    expect(await agentPage.locator('.review-summary').textContent()).toMatch(
      /^human review \d+ % over 1 review$/,
    );
    await agentPage.getByRole('link', { name: 'My reviews' }).click();
    const card = agentPage.locator('li.review', { hasText: conversationId });
    await card.waitFor();
    expect(await card.textContent()).toContain(COMMENT);
    // The turn comment links to its turn in the conversation.
    const turnLink = card.getByRole('link', { name: /^Turn \d+$/ });
    expect(await turnLink.getAttribute('href')).toMatch(/#turn-\d+$/);
    expect(await card.textContent()).toContain(TURN_COMMENT);
    await card.getByLabel('Why is this review wrong?').fill(APPEAL);
    await card.getByRole('button', { name: 'Appeal' }).click();
    await card.getByText('appeal waiting for a decision').waitFor();

    const lead = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(lead, app.url, supervisor.email);
    await lead.locator('table.agents tbody tr').first().waitFor();
    await lead.getByRole('link', { name: 'Reviews', exact: true }).click();
    const appealed = lead.locator('li.review', { hasText: APPEAL });
    await appealed.waitFor();
    await appealed.getByLabel('Note for the agent (optional)').fill(DECISION);
    await appealed.getByRole('button', { name: 'Reject: the review stands' }).click();
    await appealed.getByText('✗ appeal rejected: review stands').waitFor();
    // The one review so far kept the engine's "no" on the thanks question: 1 of 1 kept.
    const thanks = lead.locator('table.engine-agreement tr[data-question="thanks"]');
    await thanks.waitFor();
    expect(await thanks.locator('th').textContent()).toBe(THANKS);
    expect(await thanks.textContent()).toContain('100 % (1 of 1)');

    await agentPage.reload();
    await card.getByText('✗ appeal rejected: review stands').waitFor();
    expect(await card.locator('.appeal-decision').textContent()).toContain(DECISION);
  });

  test('two reviewers calibrate blind, then see their answers side by side and their agreement', async () => {
    const lead = await apiAs(app.url, supervisor.email);
    const [rubric] = await lead.query<{ id: number }[]>('reviews.rubrics.list');
    const users = await (await apiAs(app.url, 'admin@rapport.demo')).query<{ id: number; email: string }[]>(
      'admin.users.list',
    );
    const adminId = users.find((u) => u.email === 'admin@rapport.demo')?.id ?? 0;
    const session = await lead.mutate<{ id: number }>('reviews.calibrations.create', {
      conversationId,
      rubricId: rubric?.id,
      reviewerIds: [supervisor.id, adminId],
      benchmarkReviewerId: supervisor.id,
    });

    // The benchmark (the supervisor) answers "Yes" and 5 throughout.
    const first = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(first, app.url, supervisor.email);
    await first.locator('table.agents tbody tr').first().waitFor();
    await first.getByRole('link', { name: 'Reviews', exact: true }).click();
    await first
      .getByRole('link', { name: `Calibration ${session.id}: conversation ${conversationId}` })
      .click();
    await first.getByRole('form', { name: 'Your answers' }).waitFor();
    await answerAll(first);
    await first.getByRole('button', { name: 'Submit my answers' }).click();
    await first.getByText('Waiting for the others.').waitFor();

    // The admin sees no one's answers before giving theirs: the same, but "No" to the thanks question.
    const second = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(second, app.url, 'admin@rapport.demo');
    await second.locator('table.agents tbody tr').first().waitFor();
    await second.goto(`${app.url}/calibrations/${session.id}`);
    await second.getByRole('form', { name: 'Your answers' }).waitFor();
    expect(await second.getByRole('heading', { name: 'Agreement' }).count()).toBe(0);
    await answerAll(second, { [THANKS]: 'No' });
    await second.getByRole('button', { name: 'Submit my answers' }).click();

    // 16 questions, alike on 15: pₒ = 15/16. The benchmark: yes 14, "5" 2; the admin: yes 13, no 1,
    // "5" 2. pₑ = (14·13 + 2·2) / 256 = 186/256; κ = (240 − 186) / (256 − 186) = 54/70 ≈ 0.77.
    // The admin's alignment with the benchmark: 15/16 ≈ 94 %.
    await second.getByRole('heading', { name: 'Agreement' }).waitFor();
    expect(await second.locator('.calibration-kappa').textContent()).toContain('Cohen’s kappa: 0.77');
    const rows = await second.locator('.calibration-alignment tbody tr').allTextContents();
    expect(rows.find((r) => r.startsWith(supervisor.email))).toMatch(/100 %$/);
    expect(rows.find((r) => r.startsWith('admin@rapport.demo'))).toMatch(/94 %$/);
    const disagreement = second.locator('.calibration-answers tr.disagreement');
    expect(await disagreement.count()).toBe(1);
    // Columns: the question, one per reviewer, the agreement.
    const columns = await second.locator('.calibration-answers thead th').allTextContents();
    const cells = [
      (await disagreement.locator('th').textContent()) ?? '',
      ...(await disagreement.locator('td').allTextContents()),
    ];
    expect(cells[0]).toBe(THANKS);
    expect(cells[columns.indexOf(supervisor.email)]).toBe('Yes');
    expect(cells[columns.indexOf('admin@rapport.demo')]).toBe('No');
    expect(cells.at(-1)).toBe('0 %');
    await first.reload();
    await first.getByRole('heading', { name: 'Agreement' }).waitFor();
    expect(await first.locator('.calibration-kappa').textContent()).toContain('Cohen’s kappa: 0.77');
  });

  test('a supervisor plans reviews from the page: one per agent, dealt to them, their queue filled', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, supervisor.email);
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    await page.getByText('Plan new reviews').click();
    const form = page.getByRole('form', { name: 'Plan reviews' });
    await form.waitFor();
    const period = {
      from: await form.getByLabel('From', { exact: true }).inputValue(),
      to: await form.getByLabel('To', { exact: true }).inputValue(),
    };
    // One conversation per agent of the team with any in the period: as many as the overview lists.
    const lead = await apiAs(app.url, supervisor.email);
    const overview = await lead.query<{ agents: unknown[] }>('teams.overview', period);
    expect(overview.agents.length).toBeGreaterThan(0);
    await form.getByLabel('Conversations per agent').fill('1');
    await form.getByRole('checkbox', { name: supervisor.email }).check();
    await form.getByRole('button', { name: 'Plan the reviews' }).click();
    const done = form.locator('.plan-done');
    await done.waitFor();
    const agents = overview.agents.length;
    expect(await done.textContent()).toMatch(
      new RegExp(`^Plan \\d+: ${agents} conversations? dealt to 1 reviewer\\.$`),
    );
    // The plan is listed with its progress, and the reviewer's queue holds its conversations.
    expect(await page.locator('.plan-list li').first().textContent()).toContain(
      `0 of ${agents} conversation`,
    );
    const queue = page.getByRole('heading', { name: /^My queue: \d+ of \d+ reviewed$/ });
    await queue.waitFor();
    const [, reviewed, total] = /(\d+) of (\d+)/.exec((await queue.textContent()) ?? '') ?? [];
    expect(Number(total) - Number(reviewed)).toBeGreaterThanOrEqual(agents);
  });
});
