import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPglite, ensureTemplate } from './pglite-template.ts';

/** A new embedded database from the empty-cluster template is a whole cluster, and a bad template costs nothing. */
describe('the empty-cluster template', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-template-test-'));
  const template = path.join(scratch, 'cache', 'empty-cluster.tar.gz');
  const folder = (name: string) => path.join(scratch, name);

  beforeAll(async () => {
    expect(await ensureTemplate(template)).toBe(true);
  }, 60_000);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('is made once: a second call keeps the file', async () => {
    const made = fs.statSync(template).mtimeMs;
    expect(await ensureTemplate(template)).toBe(false);
    expect(fs.statSync(template).mtimeMs).toBe(made);
    expect(fs.readdirSync(path.dirname(template))).toEqual(['empty-cluster.tar.gz']);
  });

  test('a new folder gets a working cluster that keeps what is written to it', async () => {
    const dir = folder('from-template');
    fs.mkdirSync(dir);
    const first = await createPglite(dir, {}, template);
    await first.exec('CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (7);');
    await first.close();
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);

    // Reopened: the folder holds a cluster now, so the template is not unpacked over it.
    const again = await createPglite(dir, {}, template);
    expect((await again.query<{ id: number }>('SELECT id FROM kept')).rows).toEqual([{ id: 7 }]);
    await again.close();
  }, 60_000);

  test('a damaged template is set aside: the cluster is made as without one', async () => {
    const damaged = path.join(scratch, 'damaged.tar.gz');
    fs.writeFileSync(damaged, 'not a tar file');
    const dir = folder('from-damaged');
    fs.mkdirSync(dir);
    const pglite = await createPglite(dir, {}, damaged);
    expect((await pglite.query<{ n: number }>('SELECT 1 + 1 AS n')).rows).toEqual([{ n: 2 }]);
    await pglite.close();
  }, 60_000);
});
