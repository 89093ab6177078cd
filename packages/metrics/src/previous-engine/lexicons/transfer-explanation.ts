import type { Lexicon } from './types.ts';

/** What an agent says to explain a transfer: where the customer goes, and why. */
export const TRANSFER_EXPLANATION: Lexicon = {
  id: 'transferExplanation',
  rule: {
    seed: '000_ea97883a5136d518.txt',
    quote:
      'If a transfer is necessary, explain the reason and assure them that it’s intended to provide better assistance.',
  },
  entries: [
    { phrase: 'transfer you to' },
    { phrase: 'transferring you to' },
    { phrase: 'connect you with' },
    { phrase: 'connect you to' },
    { phrase: 'connecting you with' },
    { phrase: 'connecting you to' },
    { phrase: 'transferring you' },
    { phrase: "i'll transfer you" },
    { phrase: 'pass you to' },
    { phrase: 'passing you to' },
    { phrase: 'hand you over' },
    { phrase: 'put you through to' },
    { phrase: 'specialist who can' },
    { phrase: 'specialist team' },
    { phrase: 'because' },
    { phrase: 'so that' },
    { phrase: 'the reason' },
    { phrase: 'who can help' },
    { phrase: 'who handles' },
    { phrase: 'the right team' },
    { phrase: 'the right person' },
    { phrase: 'better placed' },
    { phrase: 'will be able to' },
    { phrase: "they'll be able to" },
  ],
  exceptions: [],
};
