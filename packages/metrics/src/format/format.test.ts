import { describe, expect, test } from 'vitest';
import type { MetricUnit } from '../catalog.ts';
import { metricUnit } from '../catalog.ts';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatInstant,
  formatMetric,
  formatNumber,
  formatOffset,
  formatPercent,
  formatTarget,
  NO_DATA,
  spreadsheetUnit,
} from './index.ts';

describe('durations', () => {
  test.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [1_000, '1.0 s'],
    [2_150, '2.1 s'], // 2.15 s is 2.149999… in binary: rounds down
    [42_100, '42.1 s'],
    [59_999, '60.0 s'], // under a minute, so still seconds
    [90_000, '1.5 min'],
    [3_600_000, '1.0 h'],
    [7_200_000, '2.0 h'],
    [14_400_000, '4.0 h'],
    [172_799_999, '48.0 h'],
    [172_800_000, '2.0 d'],
    [259_200_000, '3.0 d'],
    [-90_000, '-1.5 min'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test('a missing duration is "no data"', () => {
    expect(formatDuration(null)).toBe(NO_DATA);
  });
});

describe('numbers and shares', () => {
  test.each([
    [0.44, 0, '44 %'],
    [5500 / 12600, 0, '44 %'], // 43.65… %
    [1, 0, '100 %'],
    [0, 0, '0 %'],
    [1 / 3, 1, '33.3 %'],
    [null, 0, 'no data'],
  ])('share %s with %i digits reads %s', (share, digits, text) => {
    expect(formatPercent(share, digits)).toBe(text);
  });

  test.each([
    [4.256, undefined, '4.26'],
    [4.256, 1, '4.3'],
    [null, undefined, 'no data'],
  ])('number %s (%s digits) reads %s', (value, digits, text) => {
    expect(formatNumber(value, digits)).toBe(text);
  });
});

describe('a metric value in its catalog unit', () => {
  test.each<[number | null, MetricUnit, string]>([
    [850, 'ms', '850 ms'],
    [42_100, 'ms', '42.1 s'],
    [0.5, 'ratio', '50 %'],
    [1, 'per conversation', '1.00 per conversation'],
    [0.125, 'per 100 words', '0.13 per 100 words'], // 0.125 is exact in binary: toFixed rounds half up here
    [12.345, 'words', '12.3 words'],
    [4.25, 'score', '4.25'],
    [-0.5, 'score', '-0.50'],
    [12.25, 'per day', '12.3 per day'],
    [0, 'per conversation', '0.00 per conversation'],
    [null, 'ratio', 'no data'],
    [null, 'ms', 'no data'],
  ])('%s %s reads %s', (value, unit, text) => {
    expect(formatMetric(value, unit)).toBe(text);
  });

  test('by id, through the catalog unit', () => {
    expect(formatMetric(1, metricUnit('interruptionsPerConversation'))).toBe('1.00 per conversation');
    expect(formatMetric(14_400_000, metricUnit('handleTimeMs'))).toBe('4.0 h');
    expect(formatMetric(5500 / 12600, metricUnit('talkRatio'))).toBe('44 %');
    expect(formatMetric(4.25, metricUnit('csat'))).toBe('4.25');
  });

  test.each([
    [{ direction: 'lower' as const, value: 0.5 }, 'ratio' as const, 'symbols' as const, '≤ 50 %'],
    [{ direction: 'higher' as const, value: 4 }, 'score' as const, 'symbols' as const, '≥ 4.00'],
    [
      { direction: 'lower' as const, value: 0.5 },
      'per conversation' as const,
      'words' as const,
      'max 0.50 per conversation',
    ],
    [{ direction: 'higher' as const, value: 60_000 }, 'ms' as const, 'words' as const, 'min 1.0 min'],
    [null, 'ratio' as const, 'symbols' as const, 'none'],
  ])('target %o in %s (%s) reads %s', (target, unit, marks, text) => {
    expect(formatTarget(target, unit, marks)).toBe(text);
  });
});

describe('counts, sizes, offsets and instants', () => {
  test.each([
    [0, '0 conversations'],
    [1, '1 conversation'],
    [2, '2 conversations'],
    [1204, '1,204 conversations'],
  ])('%i reads %s', (n, text) => {
    expect(formatCount(n, 'conversation', undefined, 'en-US')).toBe(text);
  });

  test('a count groups digits in the locale and takes an irregular plural', () => {
    expect(formatCount(1204, 'reply', 'replies', 'en-US')).toBe('1,204 replies');
    expect(formatCount(1204, 'reply', 'replies', 'de-DE')).toBe('1.204 replies');
  });

  test.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [4 * 1024, '4 KB'],
    [1536, '1.5 KB'],
    [1024 * 1024 - 1, '1024 KB'], // 1023.999… KB rounds to 1024.0 and loses its ".0"
    [1024 * 1024, '1 MB'],
    [5 * 1024 * 1024, '5 MB'],
    [20 * 1024 * 1024, '20 MB'],
    [1.25 * 1024 * 1024, '1.3 MB'],
  ])('%d bytes reads %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  test.each([
    [0, '0:00'],
    [59_400, '0:59'],
    [59_500, '1:00'],
    [754_000, '12:34'],
    [-5_000, '0:00'],
  ])('offset %d ms reads %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });

  test('an instant on the organisation’s wall clock', () => {
    const at = new Date('2026-11-25T23:30:00Z');
    expect(formatInstant(at, 'UTC')).toBe('2026-11-25 23:30 (UTC)');
    expect(formatInstant(at, 'Europe/Berlin')).toBe('2026-11-26 00:30 (Europe/Berlin)');
    expect(formatInstant(at, 'America/New_York')).toBe('2026-11-25 18:30 (America/New_York)');
  });
});

describe('spreadsheet cells for people', () => {
  test.each([
    ['ms', 42_120, 's', 42.12],
    ['ms', 14_400_000, 's', 14_400],
    ['ms', 1_654_461.4875, 's', 1654.46],
    ['ratio', 0.8125, '%', 81.3],
    ['ratio', 1, '%', 100],
    ['per conversation', 2.0166, 'per conversation', 2.02],
    ['per 100 words', 0.456, 'per 100 words', 0.46],
    ['words', 14.25, 'words', 14.3],
    ['score', 4.333, 'score', 4.33],
    ['per day', 4.75, 'per day', 4.8],
  ] as [MetricUnit, number, string, number][])(
    '%s %d reads as %d in a column headed (%s)',
    (unit, value, heading, cell) => {
      const people = spreadsheetUnit(unit);
      expect(people.heading).toBe(heading);
      expect(people.value(value)).toBe(cell);
    },
  );

  test('no data stays an empty cell in every unit, never 0', () => {
    for (const unit of [
      'ms',
      'ratio',
      'per conversation',
      'per 100 words',
      'words',
      'score',
      'per day',
    ] as const) {
      expect(spreadsheetUnit(unit).value(null)).toBeNull();
    }
  });
});
