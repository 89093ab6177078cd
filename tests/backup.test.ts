import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { rapport } from './support/cli.ts';

/** The embedded database's folder for a CLI run. */
const embedded = (dataDir: string) => ({ RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' });

describe('backup and restore of the embedded database', () => {
  let dir: string;
  const scorecard = (dataDir: string) =>
    rapport(
      ['scorecard', '--agent', 'a-1', '--from', PERIOD.from, '--to', PERIOD.to, '--json'],
      embedded(dataDir),
    );

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-backup-'));
    const logs = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(logs, mixedFile());
    expect(rapport(['ingest', logs], embedded(path.join(dir, 'live'))).code).toBe(2);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a backup restored into a new folder gives the same scorecard', () => {
    const before = scorecard(path.join(dir, 'live'));
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).conversations).toBe(2);

    const file = path.join(dir, 'rapport.tar.gz');
    const backup = rapport(['backup', file], embedded(path.join(dir, 'live')));
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file, bytes: fs.statSync(file).size });

    const restored = rapport(['restore', file], embedded(path.join(dir, 'restored')));
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(scorecard(path.join(dir, 'restored')).stdout).toBe(before.stdout);
  });

  test('a restore never overwrites a database, and a file that is no backup changes nothing', () => {
    const file = path.join(dir, 'rapport.tar.gz');
    const before = scorecard(path.join(dir, 'live')).stdout;
    const over = rapport(['restore', file], embedded(path.join(dir, 'live')));
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/is not empty: restore into a new folder/);
    expect(scorecard(path.join(dir, 'live')).stdout).toBe(before);

    const junk = path.join(dir, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a backup');
    const bad = rapport(['restore', junk], embedded(path.join(dir, 'from-junk')));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a Rapport backup/);
    expect(fs.existsSync(path.join(dir, 'from-junk'))).toBe(false);
  });

  test('on PostgreSQL the command points at pg_dump instead', () => {
    const run = rapport(['backup', path.join(dir, 'pg.tar.gz')], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pg_dump/);
  });
});
