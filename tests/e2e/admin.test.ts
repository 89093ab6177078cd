import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoApp, signIn, startDemoApp } from './demo-app.ts';

/** Two good conversations around one that lacks its agent and turns (line 2). */
const UPLOAD = [
  {
    id: 'upload-1',
    channel: 'chat',
    startedAt: '2026-11-18T09:00:00Z',
    endedAt: '2026-11-18T09:05:00Z',
    agent: { id: 'a-1' },
    turns: [
      { speaker: 'customer', text: 'My invoice is wrong.', startMs: 0 },
      { speaker: 'agent', text: 'I am sorry to hear that, let me check it now.', startMs: 20_000 },
    ],
  },
  { id: 'upload-2', channel: 'chat', startedAt: '2026-11-18T10:00:00Z', endedAt: '2026-11-18T10:01:00Z' },
  {
    id: 'upload-3',
    channel: 'email',
    startedAt: '2026-11-18T11:00:00Z',
    endedAt: '2026-11-18T12:00:00Z',
    agent: { id: 'a-2' },
    turns: [
      { speaker: 'customer', text: 'Where is my parcel?', startMs: 0 },
      { speaker: 'agent', text: 'Thank you for asking; it arrives tomorrow.', startMs: 3_600_000 },
    ],
  },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

// An admin's journey: every page, users and settings, and a log upload with a bad line.
describe('admin journey in Chromium', () => {
  let app: DemoApp;

  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('sees every area, the users, and saves a coaching weight', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('table.agents tbody tr').first().waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual([
      'Team overview',
      'Conversations',
      'Coaching',
      'Disputes',
      'HR overview',
      'Exports',
      'Admin',
    ]);

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    const users = page.locator('table.data-table tbody tr');
    await users.first().waitFor();
    expect(await users.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/hr@rapport\.demo/)]),
    );

    await page.getByRole('link', { name: 'Targets and weights' }).click();
    const weight = page.getByLabel('Jargon weight');
    await weight.fill('3');
    await page.getByRole('button', { name: 'Save targets and weights' }).click();
    await page.getByText('Saved: weights.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Jargon weight').inputValue()).toBe('3');
  });

  test('adds a jargon phrase and follows the recompute it starts', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/admin/lexicons`);
    await page.getByRole('combobox', { name: /^Lexicon/ }).selectOption('jargon');
    const phrases = page.getByLabel(/Phrases, one a line/);
    await phrases.fill(`${await phrases.inputValue()}\nwarm transfer => passing you on with your details`);
    const exceptions = page.getByLabel(/Exceptions, one a line/);
    await exceptions.fill(`${await exceptions.inputValue()}\nwarm transfer policy`);
    await page.getByRole('button', { name: 'Save lexicon and recompute' }).click();
    await page.getByText('Saved: lexicons, exceptions.').waitFor();
    await page.getByText(/^Done: [\d,]+ of [\d,]+ conversations/).waitFor({ timeout: 90_000 });
    await page.reload();
    const lexicon = page.getByRole('combobox', { name: /^Lexicon/ });
    await expect.poll(() => lexicon.locator('option').allTextContents()).toContain('jargon (customised)');
    await lexicon.selectOption('jargon');
    await expect
      .poll(() => page.getByLabel(/Exceptions, one a line/).inputValue())
      .toContain('warm transfer policy');
  });

  test('uploads a log file and sees the line that was rejected, and why', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('table.agents tbody tr').first().waitFor();
    await page.goto(`${app.url}/admin/upload`);
    await page.getByLabel('Log file').setInputFiles({
      name: 'three-conversations.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(UPLOAD),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    const summary = page.locator('.upload-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/2 conversations stored .*1 record rejected/);
    const rejected = page.locator('table.rejected-lines tbody tr');
    expect(await rejected.count()).toBe(1);
    const [line, reason] = await rejected.first().locator('td').allTextContents();
    expect(line).toBe('2');
    expect(reason).toMatch(/agent|turns/);

    // The stored conversations are there to open.
    await page.goto(`${app.url}/conversations/upload-3`);
    await page.locator('.transcript').waitFor();
    expect(await page.locator('.turn').count()).toBe(2);
  });

  test('keeps transcripts N days: the oldest conversation then says its transcript was removed; erases a customer', async () => {
    const page = await app.browser.newPage();
    await signIn(page, app.url, 'admin@rapport.demo');
    await page.locator('table.agents tbody tr').first().waitFor();
    // The oldest stored conversation, through the API the page itself uses (newest first, so the last one).
    const search = (offset: number) =>
      page.evaluate(async (offset) => {
        const today = new Date();
        const from = new Date(today.getTime() - 2 * 365 * 86_400_000).toISOString().slice(0, 10);
        const input = { from, to: today.toISOString().slice(0, 10), limit: 1, offset };
        const response = await fetch(
          `/trpc/conversations.search?input=${encodeURIComponent(JSON.stringify(input))}`,
        );
        const body = (await response.json()) as {
          result: { data: { total: number; rows: { id: string; startedAt: string }[] } };
        };
        return body.result.data;
      }, offset);
    const { total } = await search(0);
    const oldest = (await search(total - 1)).rows[0] as { id: string; startedAt: string };
    // A day less than its age: the oldest conversation (and only the oldest days) lose their transcript.
    const days = Math.floor((Date.now() - Date.parse(oldest.startedAt)) / 86_400_000) - 1;

    await page.goto(`${app.url}/admin/data`);
    await page.getByLabel(/Keep transcripts for/).fill(String(days));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Remove older transcripts now' }).click();
    const removed = await page.getByText(/^Removed the transcripts of \d+ conversations/).textContent();
    expect(Number(/of (\d+) conversations/.exec(removed ?? '')?.[1])).toBeGreaterThan(0);

    await page.goto(`${app.url}/conversations/${encodeURIComponent(oldest.id)}`);
    await page.getByText(/The transcript was removed by retention on/).waitFor();
    expect(await page.locator('.turn').count()).toBe(0);

    await page.goto(`${app.url}/admin/data`);
    await page.getByLabel(/Customer id/).fill('cu-1');
    await page.getByLabel(/Request reference/).fill('ticket 7');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    await page.getByText(/^Erased: [1-9]\d* conversations/).waitFor();
  });
});
