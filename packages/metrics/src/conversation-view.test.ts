import { describe, expect, test } from 'vitest';
import { extendLexicons } from './lexicons/index.ts';
import { DEFAULT_ENGINE_OPTIONS } from './result.ts';
import { agent, customer, view } from './test-helpers.ts';

describe('backchannels', () => {
  test.each([
    ['Mm-hmm.', true],
    ['MM-HMM!', true],
    ['uh huh', true],
    ['Uh-huh…', true],
    ['Okay, got it.', true],
    ['Yes, I see', true],
    ['Right?', true],
    ['ok', true],
    ['Okay, let me check', false],
    ['Sure thing', false],
    ['I see what you mean, the invoice is wrong', false],
    ['okayish', false],
    ['', false],
  ])('%j is a backchannel: %s', (text, expected) => {
    expect(view({ turns: [agent(0, null, text)] }).turns[0]?.isBackchannel).toBe(expected);
  });

  test('customer turns are never backchannels', () => {
    expect(view({ turns: [customer(0, null, 'ok')] }).turns[0]?.isBackchannel).toBe(false);
  });

  test('an organisation can add its own acknowledgements', () => {
    const options = {
      ...DEFAULT_ENGINE_OPTIONS,
      lexicons: extendLexicons({ backchannel: [{ phrase: 'noted' }] }),
    };
    const v = view({ turns: [agent(0, null, 'Noted.'), agent(1, null, 'Okay.')] }, options);
    expect(v.turns.map((t) => t.isBackchannel)).toEqual([true, true]);
  });

  test('an organisation can replace the list', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, lexicons: { backchannel: [{ phrase: 'noted' }] } };
    const v = view({ turns: [agent(0, null, 'Noted.'), agent(1, null, 'Okay.')] }, options);
    expect(v.turns.map((t) => t.isBackchannel)).toEqual([true, false]);
  });
});

describe('turn order', () => {
  test('sorted by startMs, ties in input order, input indexes kept', () => {
    const v = view({ turns: [agent(5), customer(1), agent(1), customer(0)] });
    expect(v.turns.map((t) => t.index)).toEqual([3, 1, 2, 0]);
  });
});
