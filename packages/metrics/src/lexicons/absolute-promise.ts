import type { Lexicon } from './types.ts';

const REALISTIC = 'I’ll do everything I can, and I’ll update you by [time].';

/** Absolute commitments an agent cannot be sure to keep, each with a realistic alternative. */
export const ABSOLUTE_PROMISE: Lexicon = {
  id: 'absolutePromise',
  rule: {
    seed: '002_54fcf50944242143.txt',
    quote: 'Don’t Overpromise • Don’t: Make commitments you can’t keep.',
  },
  entries: [
    { phrase: 'i guarantee', suggestion: REALISTIC },
    { phrase: 'we guarantee', suggestion: REALISTIC },
    { phrase: 'guaranteed', suggestion: REALISTIC },
    { phrase: 'i promise', suggestion: REALISTIC },
    { phrase: 'i swear', suggestion: REALISTIC },
    { phrase: '100%', suggestion: 'I expect…, and I’ll confirm by [time].' },
    { phrase: '100 percent', suggestion: 'I expect…, and I’ll confirm by [time].' },
    { phrase: 'a hundred percent', suggestion: 'I expect…, and I’ll confirm by [time].' },
    { phrase: 'definitely by', suggestion: 'We aim to have it done by…' },
    { phrase: 'will definitely', suggestion: 'We aim to…' },
    { phrase: 'definitely will', suggestion: 'We aim to…' },
    { phrase: 'absolutely will', suggestion: 'We aim to…' },
    { phrase: 'without fail', suggestion: REALISTIC },
    { phrase: 'for sure', suggestion: 'I expect so, and I’ll confirm by [time].' },
    { phrase: 'never happen again', suggestion: 'We are taking steps so that it doesn’t happen again.' },
    { phrase: "won't happen again", suggestion: 'We are taking steps so that it doesn’t happen again.' },
    { phrase: 'i assure you', suggestion: REALISTIC },
  ],
};
