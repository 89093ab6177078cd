import fs from 'node:fs';
import { METRIC_IDS } from '@rapport/metrics';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, type DemoApp, signIn, startDemoApp } from './demo-app.ts';

/** Clicks a download link and reads the file the browser saved. */
async function download(page: Page, link: string): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), data: fs.readFileSync(saved) };
}

async function pdfText(data: Buffer): Promise<string> {
  const parser = new PDFParse({ data });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

// HR's journey: every team's scorecards without transcripts, then the review exports as files.
describe('HR journey in Chromium', () => {
  let app: DemoApp;
  let someConversation: string;

  beforeAll(async () => {
    app = await startDemoApp();
    const admin = await apiAs(app.url, 'admin@rapport.demo');
    const found = await admin.query<{ rows: { id: string }[] }>('conversations.search', { limit: 1 });
    someConversation = found.rows[0]?.id ?? '';
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('lands on the HR overview, reads scorecards but not transcripts', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, app.url, 'hr@rapport.demo');
    await page.getByRole('heading', { name: 'HR overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/hr');
    await page.locator('table.agents tbody tr').first().waitFor();
    expect(await page.locator('table.agents tbody tr').count()).toBe(40);

    await page.locator('table.agents tbody tr').first().getByRole('link').first().click();
    await page.locator('.metric-card').first().waitFor();
    expect(await page.locator('.metric-card').count()).toBe(METRIC_IDS.length);
    await page.locator('.opportunity, .opportunities .empty').first().waitFor();
    // Evidence is quoted, but nothing links to a transcript.
    expect(await page.locator('a[href^="/conversations"]').count()).toBe(0);

    await page.goto(`${app.url}/conversations/${someConversation}`);
    await page.getByRole('alert').getByRole('heading', { name: 'Not allowed' }).waitFor();
  });

  test('downloads the agents CSV and the review PDF for a team and reads them', async () => {
    const page = await app.browser.newPage({ acceptDownloads: true });
    await signIn(page, app.url, 'hr@rapport.demo');
    await page.getByRole('heading', { name: 'HR overview' }).waitFor();
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Exports' }).waitFor();
    const team = page.getByRole('combobox', { name: /^Team/ });
    const billing = (await team.locator('option').allTextContents()).find((t) => /billing/i.test(t)) ?? '';
    await team.selectOption({ label: billing });
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByLabel('To', { exact: true }).fill('2026-11-14');
    await page.getByText(/Nov 1, 2026 – Nov 14, 2026/).waitFor();
    await page.locator('a.button[href*="team="]').first().waitFor();

    const csv = await download(page, 'Download CSV of agent scorecards');
    expect(csv.name).toMatch(/^rapport-agents-billing-2026-11-01_2026-11-14\.csv$/);
    const rows = parse(csv.data.toString('utf8'), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(rows.length).toBe(10);
    for (const row of rows) {
      expect(row.Team).toBe('billing');
      expect(row.From).toBe('2026-11-01');
      expect(Number(row.Conversations)).toBeGreaterThanOrEqual(0);
      expect(Object.keys(row)).toContain('Interruptions (per conversation)');
      expect(Object.keys(row)).toContain('Interruptions: team median (per conversation)');
    }

    const pdf = await download(page, 'Download PDF of review packet');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.data);
    expect(text).toMatch(/Review packet/);
    expect(text).toMatch(/2026-11-01 to 2026-11-14/);
    expect(text).toContain(rows[0]?.Agent ?? '');
  });
});
