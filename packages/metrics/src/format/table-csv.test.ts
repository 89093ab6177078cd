import { describe, expect, test } from 'vitest';
import { tableCsv } from './table-csv.ts';

describe('tableCsv', () => {
  test.each([
    ['plain text and numbers', ['c-1', 4, 0.5], 'c-1,4,0.5'],
    ['no data is an empty cell, never 0', [null, '', 0], ',,0'],
    [
      'commas, quotes, semicolons and line breaks are quoted',
      ['a,b', 'say "hi"', 'x;y', 'l1\nl2'],
      '"a,b","say ""hi""","x;y","l1\nl2"',
    ],
    [
      'a formula gets an apostrophe; a negative number stays a number',
      ['=SUM(A1)', '@x', -0.25],
      "'=SUM(A1),'@x,-0.25",
    ],
    ['a formula after a semicolon too', ['ok; =1+1'], `"'ok; =1+1"`],
  ])('%s', (_, row, line) => {
    expect(tableCsv(['h'], [row])).toBe(`h\r\n${line}\r\n`);
  });
});
