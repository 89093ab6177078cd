import { describe, expect, test } from 'vitest';
import { FINDING_TEXTS } from './finding-texts.ts';
import { findings } from './findings.ts';
import { smallRun } from './fixtures/small-run.ts';
import { findingText } from './render.ts';
import { figureNames, fillTemplate, placeholders } from './template.ts';

describe('fillTemplate', () => {
  test('bare counts and words, and values through the one formatter', () => {
    const text =
      '{n} of {segments} at {ratio|number:3}, {share|percent:1}, {gap|duration}, {rate|metric:talkRatio}, {k|plural:flag}, {m|plural:flag}, {word|code}';
    const figures = {
      n: 3,
      segments: 98,
      ratio: 2 / 3,
      share: 0.016,
      gap: 5_040_000,
      rate: 0.674,
      k: 1,
      m: 2,
      word: 'x',
    };
    expect(fillTemplate({ text }, figures, 't')).toBe(
      '3 of 98 at 0.667, 1.6 %, 1.4 h, 67 %, 1 flag, 2 flags, `x`',
    );
  });

  test('a value the run lacks reads "no data" where its format allows one', () => {
    const text = '{a|number:3} {b|metric:csat} {c|pooled:followUpRate} {d|pooled:feedbackRequestRate}';
    const figures = { a: null, b: null, c: { value: null, n: 0 }, d: { value: 0, n: 5 } };
    expect(fillTemplate({ text }, figures, 't')).toBe('no data no data no data 0 % (n = 5)');
  });

  test('lists: each item through its text, joined, cut to the limit, or the empty text', () => {
    const lists = {
      refs: { each: '`{conversation}` turn {turn}', join: ', ', limit: 2 },
      none: { each: '{x}', join: '; ', empty: 'none' },
    };
    const refs = [1, 2, 3].map((turn) => ({ conversation: 'c', turn }));
    expect(fillTemplate({ text: '({refs}) {none}', lists }, { refs, none: [] }, 't')).toBe(
      '(`c` turn 1, `c` turn 2) none',
    );
  });

  test('a table whose rows are an empty list keeps its header and loses the empty line', () => {
    const template = {
      text: '| a |\n| --- |\n{rows}\n\nafter',
      lists: { rows: { each: '| {a|cell} |', join: '\n' } },
    };
    expect(fillTemplate(template, { rows: [] }, 't')).toBe('| a |\n| --- |\n\nafter');
    expect(fillTemplate(template, { rows: [{ a: 'x|y' }] }, 't')).toBe('| a |\n| --- |\n| x\\|y |\n\nafter');
  });

  test('quotes: the span in bold within its turn, or the whole turn as a cell', () => {
    const q = { text: 'Sorry, we cannot do that.', start: 10, end: 16 };
    expect(fillTemplate({ text: '{q|quote} / {q|turn-text}' }, { q }, 't')).toBe(
      'Sorry, we **cannot** do that. / Sorry, we cannot do that.',
    );
  });

  test.each([
    ['{missing}', {}, 't: no figure for {missing}'],
    ['{n}', { n: null }, 't: {n} needs a number or a string (or a format for this value), got null'],
    ['{n|percent}', { n: 'x' }, 't: {n|percent} needs a number or null, got "x"'],
    ['{n|metric:speed}', { n: 1 }, 't: {n|metric} needs a metric id after the format, got 1'],
    ['{n|number:x}', { n: 1 }, 't: {n|number} needs a whole number of digits after the format, got 1'],
    ['{n|shout}', { n: 1 }, 't: unknown format "shout" in {n|shout}'],
    ['{n|plural}', { n: 2 }, 't: {n|plural} needs a number and a noun, got 2'],
    ['{n|quote}', { n: 'x' }, 't: {n|quote} needs a quote { text, start, end }, got "x"'],
    ['{n|dataset}', { n: 'other' }, 't: {n|dataset} needs a data set key, got "other"'],
    ['{rows}', { rows: [] }, 't: {rows} is a list, and the template has no list text for it'],
  ])('%s with %o is an error: %s', (text, figures, message) => {
    expect(() => fillTemplate({ text }, figures, 't')).toThrow(message);
  });

  test('a list item without a field its text reads is an error', () => {
    const template = { text: '{refs}', lists: { refs: { each: '{conversation} turn {turn}', join: ', ' } } };
    expect(() => fillTemplate(template, { refs: [{ conversation: 'c' }] }, 't')).toThrow(
      't: no figure for {turn} in item 0 of {refs}',
    );
  });

  test('placeholders and figure names', () => {
    expect(placeholders('{a} {b|metric:csat}')).toEqual([
      { name: 'a', format: undefined, argument: undefined },
      { name: 'b', format: 'metric', argument: 'csat' },
    ]);
    expect(figureNames({ text: '{a} {refs}', lists: { refs: { each: '{turn}', join: ',' } } })).toEqual([
      'a',
      'refs',
      'refs.turn',
    ]);
  });
});

describe('the finding texts', () => {
  const found = findings(smallRun);

  test('one text per finding, one finding per text', () => {
    expect(found.findings.map((f) => f.id).sort()).toEqual(Object.keys(FINDING_TEXTS).sort());
  });

  test.each(found.findings.map((f) => [f.id, f] as const))(
    '%s: every placeholder has its figure',
    (_id, finding) => {
      const values: Record<string, unknown> = { ...finding.figures, ...finding.examples };
      for (const name of figureNames(FINDING_TEXTS[finding.id])) {
        const [figure, field] = name.split('.') as [string, string | undefined];
        expect(values, `${finding.id} {${figure}}`).toHaveProperty([figure]);
        if (field === undefined) continue;
        for (const item of values[figure] as Record<string, unknown>[]) {
          expect(item, `${finding.id} {${figure}} item field ${field}`).toHaveProperty([field]);
        }
      }
      const text = findingText(finding);
      expect(text).not.toMatch(/undefined|NaN|\{\w+(\|[^}]*)?\}/);
    },
  );

  test('a finding that lacks a figure is an error, not "undefined" in the document', () => {
    const finding = found.findings.find((f) => f.id === 'harper-valley-noise-segments');
    if (!finding) throw new Error('no noise finding');
    const { talkRatioWithNoise: _dropped, ...figures } = finding.figures;
    expect(() => findingText({ ...finding, figures })).toThrow(
      'finding harper-valley-noise-segments: no figure for {talkRatioWithNoise}',
    );
    expect(() => findingText({ ...finding, figures: { ...finding.figures, noiseInterruptions: 1 } })).toThrow(
      'finding harper-valley-noise-segments: noiseInterruptions named both as a figure and as examples',
    );
  });

  test('the small run reads as worked out by hand', () => {
    const text = (id: string) => {
      const finding = found.findings.find((f) => f.id === id);
      if (!finding) throw new Error(`no finding ${id}`);
      return findingText(finding);
    };
    expect(text('harper-valley-noise-segments')).toContain(
      "Kept as turns, they give 1 interruptions in 1 calls (`hv-1` turn 2) and move the agents' pooled talk ratio from 0.400 to 0.333. The converter drops them: 0 interruptions in all 1 calls.",
    );
    expect(text('harper-valley-channel-clocks')).toContain(
      'the engine finds 1 interruption: `hv-1` turn 3, **okay it is done thank you**.',
    );
    expect(text('chat-target-for-social')).toContain(
      'The 2 response gaps have a median of 2.8 min and a p90 of 5.0 min; 50.0 % are within target.',
    );
    expect(text('no-events-read-as-never')).toContain(
      '| IBM Twitter customer care (chat) | no data | no data | 0 % (n = 1) |',
    );
    expect(text('ibm-html-entities')).toBe(
      '1 × `&gt;`, 3 × `&amp;` decoded; otherwise "amp" and "gt" count as agent words.',
    );
    expect(text('negative-language-not-refusal')).toContain(
      '| conversation | turn | word before | quoted text |\n| --- | --- | --- | --- |\n\n*Proposed fix',
    );
  });
});
