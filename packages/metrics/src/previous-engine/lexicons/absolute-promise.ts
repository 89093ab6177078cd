import type { EntryContext, Lexicon } from './types.ts';

const REALISTIC = 'I’ll do everything I can, and I’ll update you by [time].';
const EXPECT = 'I expect…, and I’ll confirm by [time].';
const AGAIN = 'We are taking steps so that it doesn’t happen again.';

/**
 * Words of certainty are a promise only inside a commitment about the future ("you'll have it by
 * Monday 100%"); in a statement of a rule or a fact ("codes expire after 7 days without fail") they
 * promise nothing (METRICS.md).
 */
const ABOUT_THE_FUTURE: EntryContext = {
  sentenceHas: [
    "i'll",
    'i will',
    "we'll",
    'we will',
    "you'll",
    'you will',
    "it'll",
    "i'm going to",
    "we're going to",
    'i am going to',
    'we are going to',
    'i can get',
    'we can get',
    'will be',
    'going to be',
    'will have',
  ],
  sentenceLacks: ['not sure', "n't know", 'not know', 'not certain'],
};

/** Guarantees of something no one can be sure of, each with a realistic alternative. */
export const ABSOLUTE_PROMISE: Lexicon = {
  id: 'absolutePromise',
  rule: {
    seed: '002_54fcf50944242143.txt',
    quote: 'Don’t Overpromise • Don’t: Make commitments you can’t keep.',
  },
  entries: [
    { phrase: 'i guarantee', suggestion: REALISTIC },
    { phrase: 'we guarantee', suggestion: REALISTIC },
    { phrase: 'i can guarantee', suggestion: REALISTIC },
    { phrase: 'we can guarantee', suggestion: REALISTIC },
    { phrase: 'guaranteed to', suggestion: REALISTIC },
    { phrase: 'guarantee you', suggestion: REALISTIC },
    { phrase: 'guarantee that', suggestion: REALISTIC },
    { phrase: 'i promise', suggestion: REALISTIC },
    { phrase: 'we promise', suggestion: REALISTIC },
    { phrase: 'i swear', suggestion: REALISTIC },
    { phrase: '100%', suggestion: EXPECT, context: ABOUT_THE_FUTURE },
    { phrase: '100 percent', suggestion: EXPECT, context: ABOUT_THE_FUTURE },
    { phrase: 'a hundred percent', suggestion: EXPECT, context: ABOUT_THE_FUTURE },
    { phrase: 'definitely by', suggestion: 'We aim to have it done by…' },
    { phrase: 'will definitely', suggestion: 'We aim to…' },
    { phrase: 'definitely will', suggestion: 'We aim to…' },
    { phrase: 'absolutely will', suggestion: 'We aim to…' },
    { phrase: 'will certainly', suggestion: 'We aim to…' },
    { phrase: 'without fail', suggestion: REALISTIC, context: ABOUT_THE_FUTURE },
    { phrase: 'for sure', suggestion: EXPECT, context: ABOUT_THE_FUTURE },
    { phrase: 'never happen again', suggestion: AGAIN },
    { phrase: "won't happen again", suggestion: AGAIN },
    { phrase: 'will not happen again', suggestion: AGAIN },
    { phrase: "won't let this happen again", suggestion: AGAIN },
    { phrase: "won't let that happen again", suggestion: AGAIN },
    { phrase: 'will not let this happen again', suggestion: AGAIN },
    { phrase: 'never let this happen again', suggestion: AGAIN },
  ],
  exceptions: [
    "can't guarantee",
    'cannot guarantee',
    "can't promise",
    'cannot promise',
    "don't promise",
    'no guarantee',
  ],
};
