import type { Lexicon } from './types.ts';

const SAY_WHAT_YOU_CAN_DO = 'Let’s see what I can do.';
const OFFER_THE_ALTERNATIVE = 'What I can do is…';
const EXPLAIN_THE_REASON = 'We do this so that… — here is what I can offer.';

/**
 * Dismissive or harsh phrasing, each with a positive rephrasing to suggest instead. Seed 004 says the
 * same: "Refrain from using words like “can’t” or “won’t”."
 */
export const NEGATIVE_LANGUAGE: Lexicon = {
  id: 'negativeLanguage',
  rule: {
    seed: '000_ea97883a5136d518.txt',
    quote:
      'Instead of saying “I can’t help with that,” opt for positive phrasing such as “Let’s see what I can do.”',
  },
  entries: [
    { phrase: "i can't help with that", suggestion: SAY_WHAT_YOU_CAN_DO },
    { phrase: "can't", suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: 'cannot', suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: "won't", suggestion: 'Here is what will happen: …' },
    { phrase: 'unfortunately', suggestion: 'The best option here is…' },
    { phrase: 'nothing i can do', suggestion: SAY_WHAT_YOU_CAN_DO },
    { phrase: "there's nothing we can do", suggestion: 'Here is what we can do: …' },
    { phrase: "that's our policy", suggestion: EXPLAIN_THE_REASON },
    { phrase: 'that is our policy', suggestion: EXPLAIN_THE_REASON },
    { phrase: 'not my department', suggestion: 'Let me connect you with the team that handles this.' },
    { phrase: 'not my job', suggestion: 'Let me find the right person for this.' },
    { phrase: "we don't do that", suggestion: 'Here is what we can do instead: …' },
    { phrase: 'we are unable to', suggestion: 'What we can do is…' },
    { phrase: "we're unable to", suggestion: 'What we can do is…' },
    { phrase: 'impossible', suggestion: 'Let’s look at what is possible.' },
    { phrase: 'not possible', suggestion: 'What is possible is…' },
    { phrase: "i don't know", suggestion: 'Let me find out for you.' },
    { phrase: 'i have no idea', suggestion: 'Let me find out for you.' },
    { phrase: "i'm afraid", suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: 'no way', suggestion: 'Let me see what I can arrange.' },
  ],
};
