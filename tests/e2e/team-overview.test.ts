import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { type RunningServer, startServer } from '../support/server.ts';

async function signIn(page: Page, url: string, email: string, password = 'rapport-demo') {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// The real server on real PostgreSQL with a small demo set, opened in real Chromium.
describe('team overview in Chromium', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startServer({ ...database.env, RAPPORT_DEMO: '3000' }, /Demo data loaded/);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  test('shows every demo agent in the table and a weekly response-time chart', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'admin@rapport.demo');
    await page.getByRole('heading', { name: 'Team overview' }).waitFor();
    const rows = page.locator('table.agents tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(40);
    // Durations carry units; voice-only metrics exist for agents with calls.
    const firstRow = await rows.first().textContent();
    expect(firstRow).toMatch(/\d+(\.\d)? (ms|s|min|h)/);
    const line = page.locator('.recharts-line-curve').first();
    await line.waitFor();
    expect(await line.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
    expect(await page.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBeGreaterThan(1);
  });

  test('sorts by interruptions from the keyboard, worst first', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'admin@rapport.demo');
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
    const page = await browser.newPage();
    await signIn(page, server.url, 'admin@rapport.demo', 'wrong password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong email or password/);
    expect(await page.getByRole('heading', { name: 'Demo accounts' }).count()).toBe(1);
  });

  test('a supervisor sees only their own team', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
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
