import type { Lexicon } from './types.ts';

/** Gratitude from the agent to the customer. */
export const THANKS: Lexicon = {
  id: 'thanks',
  rule: {
    seed: '000_ea97883a5136d518.txt',
    quote:
      'Always thank customers for bringing issues to your attention or for choosing your company’s services.',
  },
  entries: [
    { phrase: 'thank you' },
    { phrase: 'thanks' },
    { phrase: 'thank u' },
    { phrase: 'thx' },
    { phrase: 'ty', context: { nextWordIn: [''] } },
    { phrase: 'many thanks' },
    { phrase: 'much appreciated' },
    { phrase: 'so appreciated' },
    { phrase: 'greatly appreciated' },
    { phrase: 'truly appreciated' },
    { phrase: 'really appreciated' },
    { phrase: 'is appreciated' },
    { phrase: 'are appreciated' },
    { phrase: 'i appreciate' },
    { phrase: 'we appreciate' },
    { phrase: 'really appreciate' },
    { phrase: 'appreciate your' },
    { phrase: 'appreciate you' },
    { phrase: 'appreciate it' },
    { phrase: "i'm grateful" },
    { phrase: 'i am grateful' },
    { phrase: "we're grateful" },
    { phrase: 'we are grateful' },
    { phrase: 'grateful for' },
    { phrase: 'cheers', context: { nextWordIn: [''] } },
  ],
  exceptions: [
    // "Thanks to the update, …" gives a cause, not thanks.
    'thanks to the',
    'thanks to this',
    'thanks to that',
    'thanks to our',
    'thanks to a',
    'thanks to an',
    'thanks to its',
    'no thanks',
  ],
};
