import type { Lexicon } from './types.ts';

/** Acknowledgements that make a whole agent turn a backchannel: neither a response nor an interruption. */
export const BACKCHANNEL: Lexicon = {
  id: 'backchannel',
  rule: {
    seed: '000_ea97883a5136d518.txt',
    quote: "acknowledging the customer's words with affirmations, and not interrupting them mid-sentence",
  },
  entries: [
    { phrase: 'mm-hmm' },
    { phrase: 'mhm' },
    { phrase: 'mm' },
    { phrase: 'hmm' },
    { phrase: 'uh-huh' },
    { phrase: 'okay' },
    { phrase: 'ok' },
    { phrase: 'right' },
    { phrase: 'yes' },
    { phrase: 'yeah' },
    { phrase: 'yep' },
    { phrase: 'sure' },
    { phrase: 'i see' },
    { phrase: 'got it' },
    { phrase: 'alright' },
    { phrase: 'all right' },
    { phrase: 'understood' },
    { phrase: 'go on' },
    { phrase: 'of course' },
  ],
  exceptions: [],
};
