/**
 * `pnpm screenshots`: builds the web app, starts the real server on a temporary embedded database
 * (PGlite in a temporary folder) filled with the demo data, signs in as each role in Chromium and saves
 * a PNG of each main page into docs/screenshots/. Set CHROMIUM_PATH if Chromium is not /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/support/browser.ts';
import { REPO_ROOT, startServer } from '../tests/support/server.ts';

// playwright-core is a dependency of tests/, so its types are reached through the helper that uses it.
type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

const OUT = path.join(REPO_ROOT, 'docs/screenshots');
const VIEWPORT = { width: 1280, height: 900 };
const PASSWORD = 'rapport-demo';
/** A day inside the demo period, so that a coaching session has weeks of data before and after it. */
const SESSION_DAY = '2026-11-02';

interface DemoAccount {
  email: string;
  role: string;
  label: string;
}

async function main() {
  console.log('Building the web app…');
  execFileSync('pnpm', ['--filter', '@rapport/web', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-screenshots-'));
  console.log(`Starting Rapport on a temporary database (${dataDir}) and loading the demo data…`);
  const server = await startServer(
    { RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '', RAPPORT_DEMO: '3000' },
    /Demo data loaded/,
    600_000,
  );
  const browser = await launchChromium();
  try {
    fs.mkdirSync(OUT, { recursive: true });
    const accounts = await demoAccounts(server.url);
    const supervisor = accounts.find((a) => a.role === 'supervisor') as DemoAccount;

    // Supervisor: the team overview, needs attention first; then the agent who interrupts most, their
    // scorecard and a flagged call.
    const page = await signedIn(browser, server.url, supervisor.email);
    await page.locator('table.agents tbody tr').first().waitFor();
    await settle(page);
    await save(page, 'team-overview.png', 1_300);
    await page.getByRole('button', { name: /Interruptions/ }).click();
    await page.locator('th[aria-sort="descending"][data-column="interruptionsPerConversation"]').waitFor();

    await page.locator('table.agents tbody tr').first().getByRole('link').first().click();
    await page.locator('.metric-card .recharts-line-curve').first().waitFor();
    // Trends load as their cards come near the viewport: listening's are brought in, then back to the top.
    await page.locator('#group-listening').scrollIntoViewIfNeeded();
    await page.locator('#group-listening .recharts-line-curve').first().waitFor();
    await page.mouse.wheel(0, -100_000);
    await settle(page);
    await save(page, 'agent-scorecard.png', 1_600);

    const scorecard = page.url();
    await page
      .locator('.metric-card', { hasText: 'Interruptions' })
      .getByRole('link', { name: /conversations behind this value/ })
      .click();
    await page.locator('table.conversations tbody tr').first().getByRole('link').click();
    await page.locator('.transcript').waitFor();
    await settle(page);
    await save(page, 'conversation.png', 1_100);

    // The review beside the evidence: the rubric started from the engine's answers, a comment on a turn.
    const review = page.getByRole('form', { name: 'Review' });
    await review.waitFor();
    await review.getByLabel(/^Comment on turn/).fill('Let the customer finish here before you answer.');
    await review.getByRole('button', { name: 'Add the comment' }).click();
    await review.getByRole('button', { name: 'Submit the review' }).scrollIntoViewIfNeeded();
    await settle(page);
    // The review panel's end (the last questions, the turn comment, submit), cut to the panel's width.
    const panel = await page.locator('section.card', { has: review }).boundingBox();
    if (panel) {
      const clip = { x: panel.x - 8, y: 0, width: panel.width + 16, height: VIEWPORT.height };
      await page.screenshot({ path: path.join(OUT, 'review.png'), clip });
      console.log('  docs/screenshots/review.png');
    }

    // A coaching session from the first opportunity, then the coaching page with its before and after.
    await page.goto(scorecard);
    const opportunity = page.locator('.opportunity').first();
    await opportunity.getByRole('button', { name: /Plan coaching/ }).click();
    await page
      .getByLabel(/Note for/)
      .fill(
        'We listened to two of your calls together. Let the customer finish, then confirm what you heard before answering.',
      );
    await page.getByLabel('Session date').fill(SESSION_DAY);
    await page.getByRole('button', { name: 'Save coaching session' }).click();
    await page.getByRole('link', { name: /coaching sessions/ }).click();
    await page.locator('.session .impact tbody tr').first().waitFor();
    await settle(page);
    await save(page, 'coaching.png');

    // HR: the exports page for one team.
    const hr = await signedIn(browser, server.url, 'hr@rapport.demo');
    await hr.getByRole('heading', { name: 'HR overview' }).waitFor();
    await hr.getByRole('link', { name: 'Exports' }).click();
    const team = hr.getByRole('combobox', { name: /^Team/ });
    await team.selectOption({ index: 1 });
    await hr.locator('.export-item a.button').nth(2).waitFor();
    await settle(hr);
    await save(hr, 'hr-exports.png');

    // Admin: an upload with a line that is rejected, and why.
    const admin = await signedIn(browser, server.url, 'admin@rapport.demo');
    await admin.locator('table.agents tbody tr').first().waitFor();
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('link', { name: 'Upload logs' }).click();
    await admin.getByLabel('Log file').setInputFiles({
      name: 'november-chats.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(UPLOAD),
    });
    await admin.getByRole('button', { name: 'Upload' }).click();
    await admin.locator('.upload-summary').waitFor();
    await settle(admin);
    await save(admin, 'admin.png');
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

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
    endedAt: '2026-11-18T10:00:00Z',
    agent: { id: 'a-2' },
    turns: [{ speaker: 'customer', text: 'Where is my parcel?', startMs: 0 }],
  },
]
  .map((record) => JSON.stringify(record))
  .join('\n');

async function demoAccounts(url: string): Promise<DemoAccount[]> {
  const response = await fetch(`${url}/trpc/auth.demoAccounts`);
  const body = (await response.json()) as { result: { data: { accounts: DemoAccount[] } } };
  return body.result.data.accounts;
}

async function signedIn(browser: Browser, url: string, email: string) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** Waits for queries and charts to finish, and moves the mouse out of the way of tooltips. */
async function settle(page: Page) {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}

async function save(page: Page, name: string, height = VIEWPORT.height) {
  if (height !== VIEWPORT.height) await page.setViewportSize({ width: VIEWPORT.width, height });
  await page.screenshot({ path: path.join(OUT, name) });
  if (height !== VIEWPORT.height) await page.setViewportSize(VIEWPORT);
  console.log(`  docs/screenshots/${name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
