import { describe, expect, test } from 'vitest';
import { csat, customerSentimentShift, feedbackSentiment, resolutionRate } from './outcome.ts';
import { agent, customer, event, view } from './test-helpers.ts';

describe('csat', () => {
  test.each([
    [{ csat: 4 }, { num: 4, den: 1 }],
    [
      { csat: 1, comment: 'bad' },
      { num: 1, den: 1 },
    ],
    [{ csat: null, comment: 'fine' }, null],
    [{ csat: 0 }, null],
    [{ csat: 6 }, null],
    [null, null],
  ])('survey %j → %j', (survey, expected) => {
    expect(csat(view({ survey })).value).toEqual(expected);
  });
});

describe('feedbackSentiment', () => {
  test('negation counts: "not helpful at all" is negative', () => {
    const value = feedbackSentiment(view({ survey: { comment: 'not helpful at all' } })).value;
    expect(value?.den).toBe(1);
    expect(value?.num).toBeLessThan(0);
  });

  test('a warm comment is positive', () => {
    expect(
      feedbackSentiment(view({ survey: { comment: 'Very helpful, thank you!' } })).value?.num,
    ).toBeGreaterThan(0);
  });

  test.each([null, '', '   \n'])('comment %j: does not apply', (comment) => {
    expect(feedbackSentiment(view({ survey: { csat: 5, comment } })).value).toBeNull();
  });
});

describe('customerSentimentShift', () => {
  const angry = 'My internet is down again and I am furious';
  const happy = 'Thank you so much, that fixed it!';

  test('from angry to happy is a positive shift, whatever the input order', () => {
    const inOrder = view({ turns: [customer(0, null, angry), agent(1_000), customer(2_000, null, happy)] });
    const reversed = view({ turns: [customer(2_000, null, happy), agent(1_000), customer(0, null, angry)] });
    expect(customerSentimentShift(inOrder).value?.num).toBeGreaterThan(0);
    expect(customerSentimentShift(reversed).value).toEqual(customerSentimentShift(inOrder).value);
  });

  test('from happy to angry is negative', () => {
    const v = view({ turns: [customer(0, null, happy), customer(2_000, null, angry)] });
    expect(customerSentimentShift(v).value?.num).toBeLessThan(0);
  });

  test('the same text first and last: no shift', () => {
    const v = view({
      turns: [customer(0, null, angry), customer(1_000, null, 'ok'), customer(2_000, null, angry)],
    });
    expect(customerSentimentShift(v).value).toEqual({ num: 0, den: 1 });
  });

  test.each([
    ['one customer turn', [customer(0, null, angry), agent(1_000)]],
    ['no customer turn', [agent(1_000)]],
    ['no turns', []],
  ])('%s: does not apply', (_, turns) => {
    expect(customerSentimentShift(view({ turns })).value).toBeNull();
  });
});

describe('resolutionRate', () => {
  test.each([
    [[event('resolved', '2026-03-02T09:09:00Z')], { num: 1, den: 1 }],
    [[event('follow_up', '2026-03-03T09:00:00Z')], { num: 0, den: 1 }],
    [[], { num: 0, den: 1 }],
  ])('%j → %j', (events, expected) => {
    expect(resolutionRate(view({ events })).value).toEqual(expected);
  });
});
