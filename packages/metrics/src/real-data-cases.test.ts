/**
 * Flags and credits found wrong on real, public support conversations (docs/metrics-on-real-data.md,
 * hand labels in packages/real-data/src/fixtures), kept as hand-worked cases: the sentence as the agent
 * wrote it, and what a QA reviewer says of it.
 */
import { describe, expect, test } from 'vitest';
import type { MetricId } from './catalog.ts';
import { computeConversation } from './engine.ts';
import { agent, conversation, customer } from './test-helpers.ts';

/** The evidence texts of one metric and kind when the agent answers the customer with `text`. */
function found(metric: MetricId, kind: 'flag' | 'credit', text: string, said = 'I need help with this.') {
  const result = computeConversation(
    conversation({ channel: 'chat', turns: [customer(0, 1_000, said), agent(60_000, null, text)] }),
  );
  return result.evidence.filter((e) => e.metric === metric && e.kind === kind).map((e) => e.text);
}

describe('negative language on real replies', () => {
  test.each<[string, string[]]>([
    // Someone else's situation, not a refusal.
    ['It’s never fun when you can’t send text messages or make phone calls on your device.', []],
    ['This process won’t delete any saved data or progress.', []],
    ['Find out what you can do if AdSense can’t activate your account.', []],
    ['If your seller won’t respond & item won’t arrive, you are covered.', []],
    ['Liking an album or song won’t automatically follow the artist.', []],
    ['Sometimes agreements are ongoing, or can’t be reached with the content provider.', []],
    ['They won’t last forever and you can DM us any questions.', []],
    ['Sorry to hear that you cannot access the DLC’s.', []],
    ['I won’t', []],
    // Real refusals, each counted once.
    ['We’re afraid that isn’t possible.', ['We’re afraid']],
    ['While we would be unable to overturn the decision on your account, we can explain it.', ['unable to']],
    ['I’m unable to check this issue at my end.', ['unable to']],
    [
      'While we currently do not offer any nonstop flights from Hilo to Maui, we have others.',
      ['do not offer'],
    ],
    [
      'While we don’t currently offer Spanish captions on Superstore, we can pass it on.',
      ['don’t currently offer'],
    ],
    ['While we don’t have an out of office option, we do have Do Not Disturb.', ['don’t have']],
    ['The feature you are looking for is not something that we currently have.', ['not something that we']],
    ['While there’s not a way for us to reset a forgotten password, here are tips.', ['not a way for us']],
    ['There would not be a way to lower just the volume of text notifications.', ['not be a way']],
    ['We’re not seeing these counts on our side & can’t confirm the accuracy of this tool.', ['can’t']],
    ['HP cannot guarantee the quality of refilled cartridges.', ['cannot guarantee']],
    ['Unfortunately, we can’t provide specifics.', ['Unfortunately']],
    ['Unfortunately because it has been more than 90 days we cannot accept the return.', ['Unfortunately']],
  ])('%j', (text, expected) => {
    expect(found('negativeLanguagePer100Words', 'flag', text)).toEqual(expected);
  });
});

describe('empathy on real replies', () => {
  test.each<[string, boolean]>([
    ['Sorry for any trouble!', true],
    ['We’re terribly sorry for the frustration.', true],
    ['Sorry I couldn’t be of more assistance!', true],
    ['Sorry!', true],
    ['Apologies for the trouble, Jennifer!', true],
    ['Our apologies for any confusion.', true],
    ['We understand that this can be frustrating!', true],
    ['We hear you!', true],
    ['No one wants to be charged for subscriptions they wish to cancel.', true],
    ['Sorry?', false],
    ['Here is the link to the help page.', false],
  ])('%j → %s', (text, shown) => {
    expect(found('empathyRate', 'credit', text).length > 0).toBe(shown);
  });
});

describe('thanks, questions, jargon, promises and feedback on real replies', () => {
  test.each<[MetricId, 'flag' | 'credit', string, string[]]>([
    ['thankRate', 'credit', 'Appreciate you reaching out.', ['Appreciate you']],
    ['thankRate', 'credit', 'Your kindness is so appreciated, Justin.', ['so appreciated']],
  ])('%s %s: %j', (metric, kind, text, expected) => {
    expect(found(metric, kind, text)).toEqual(expected);
  });

  test.each<[string, string[]]>([
    ['What are your system specifications (CPU, GPU, RAM, OS)?', ['CPU', 'GPU', 'RAM', 'OS']],
    ['Try clearing your browser’s cache & cookies.', ['cache']],
    ['Please see: https://support.example.com/articles/1/Clearing-the-Cache-on-your-PS4-console', []],
    ['It is built into the Windows operating system (OS).', []],
    ['Could you try transcoding the clip first?', ['transcoding']],
  ])('jargon: %j → %j', (text, expected) => {
    expect(found('jargonPer100Words', 'flag', text)).toEqual(expected);
  });

  test.each<[string, string[]]>([
    ['Ok, all promo codes expire after 7 days without fail.', []],
    ['We assure you that you will be assisted accordingly.', []],
    ['Then you should have the paid plan with the extra quota.', []],
  ])('no overpromise and no argument: %j', (text, expected) => {
    expect([...found('overpromiseRate', 'flag', text), ...found('argumentRate', 'flag', text)]).toEqual(
      expected,
    );
  });

  test('a pointer to a feedback form about the product is not a feedback request', () => {
    expect(
      found(
        'feedbackRequestRate',
        'credit',
        'If you have any feedback you can always submit that here: https://www.apple.com/feedback',
      ),
    ).toEqual([]);
  });

  test('"?" ending a link is not a question mark', () => {
    expect(
      found(
        'clarifyingQuestionRate',
        'credit',
        '^T https://www.example.com/help/fix-wordpress-plugin-errors-26333?',
      ),
    ).toEqual([]);
  });

  test.each([
    ['Scroll down to "Still need help? Complete the form" and choose chat.'],
    ['Mind if we jump in, Dulce?'],
  ])('quoted screen text and small talk ask nothing: %j', (text) => {
    expect(found('clarifyingQuestionRate', 'credit', text)).toEqual([]);
  });

  test('a suggestion phrased as a question is not a clarifying question', () => {
    expect(
      found('clarifyingQuestionRate', 'credit', 'Why don’t you share this as a feature request here?'),
    ).toEqual([]);
  });

  test.each<[string, string, string[]]>([
    // Questions about steps tried check something new: no restatement, even with shared words.
    [
      'I cannot recover my account.',
      'Just to confirm, have you already tried recovering your account using the steps here?',
      [],
    ],
    ['I cannot reset my password.', 'Just to confirm, did you try resetting your password?', []],
    [
      'Was my parcel delivered by the carrier?',
      'Just to clarify, which carrier was assigned the delivery?',
      [],
    ],
    [
      'My input keyboard is not working.',
      'We understand how you feel about the input keyboard that is not working.',
      ['We understand how you feel about the input keyboard that is not working.'],
    ],
  ])('paraphrase: customer %j, agent %j', (said, text, expected) => {
    expect(found('paraphraseRate', 'credit', text, said)).toEqual(expected);
  });
});
