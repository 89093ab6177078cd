import type { EntryContext, Lexicon } from './types.ts';

const SAY_WHAT_YOU_CAN_DO = 'Let’s see what I can do.';
const OFFER_THE_ALTERNATIVE = 'What I can do is…';
const EXPLAIN_THE_REASON = 'We do this so that… — here is what I can offer.';
const WHAT_IS_POSSIBLE = 'What is possible is…';

/** A bare negation is a refusal only when the agent's side says it of itself (METRICS.md). */
const AGENT_SIDE: EntryContext = { subject: 'agentSide' };
/** "I won't." alone answers a reminder; a refusal says what will not be done ("we won't refund it"). */
const AGENT_SIDE_WITH_VERB: EntryContext = { subject: 'agentSide', nextWordNotIn: [''] };
/** "We don't have to…" frees the customer from something; "we don't have that option" refuses. */
const AGENT_SIDE_HAVING: EntryContext = { subject: 'agentSide', nextWordNotIn: ['to', 'any', ''] };

/**
 * Refusals and negative framing by the agent's side, each with a positive rephrasing to suggest
 * instead. Seed 004 says the same: "Refrain from using words like “can’t” or “won’t”." A bare
 * "can't" / "won't" is the customer's situation when someone else is its subject ("if you can't log
 * in", "this process won't delete your data"), so those entries carry the subject rule.
 */
export const NEGATIVE_LANGUAGE: Lexicon = {
  id: 'negativeLanguage',
  rule: {
    seed: '000_ea97883a5136d518.txt',
    quote:
      'Instead of saying “I can’t help with that,” opt for positive phrasing such as “Let’s see what I can do.”',
  },
  entries: [
    { phrase: "can't", suggestion: OFFER_THE_ALTERNATIVE, context: AGENT_SIDE },
    { phrase: 'cannot', suggestion: OFFER_THE_ALTERNATIVE, context: AGENT_SIDE },
    { phrase: 'can not', suggestion: OFFER_THE_ALTERNATIVE, context: AGENT_SIDE },
    { phrase: "won't", suggestion: 'Here is what will happen: …', context: AGENT_SIDE_WITH_VERB },
    { phrase: 'will not', suggestion: 'Here is what will happen: …', context: AGENT_SIDE_WITH_VERB },
    { phrase: 'unable to', suggestion: 'What we can do is…', context: AGENT_SIDE },
    { phrase: 'not able to', suggestion: 'What we can do is…', context: AGENT_SIDE },
    { phrase: "don't do that", suggestion: 'Here is what we can do instead: …', context: AGENT_SIDE },
    { phrase: "don't offer", suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: 'do not offer', suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: "don't currently offer", suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: 'do not currently offer', suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: "don't support", suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: 'do not support', suggestion: 'Here is what we can offer: …', context: AGENT_SIDE },
    { phrase: "don't have", suggestion: 'What we do have is…', context: AGENT_SIDE_HAVING },
    { phrase: 'do not have', suggestion: 'What we do have is…', context: AGENT_SIDE_HAVING },
    { phrase: "don't currently have", suggestion: 'What we do have is…', context: AGENT_SIDE },
    { phrase: 'do not currently have', suggestion: 'What we do have is…', context: AGENT_SIDE },
    { phrase: "can't guarantee", suggestion: 'What I can tell you is…' },
    { phrase: 'cannot guarantee', suggestion: 'What I can tell you is…' },
    { phrase: 'not something we', suggestion: 'What we can offer is…' },
    { phrase: 'not something that we', suggestion: 'What we can offer is…' },
    { phrase: 'not a way for us', suggestion: 'What we can do is…' },
    { phrase: 'no way for us', suggestion: 'What we can do is…' },
    { phrase: 'not be a way', suggestion: WHAT_IS_POSSIBLE },
    { phrase: 'not be possible', suggestion: WHAT_IS_POSSIBLE },
    { phrase: "won't be possible", suggestion: WHAT_IS_POSSIBLE },
    { phrase: 'unfortunately', suggestion: 'The best option here is…' },
    { phrase: "i'm afraid", suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: 'i am afraid', suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: "we're afraid", suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: 'we are afraid', suggestion: OFFER_THE_ALTERNATIVE },
    { phrase: 'nothing i can do', suggestion: SAY_WHAT_YOU_CAN_DO },
    { phrase: 'nothing we can do', suggestion: 'Here is what we can do: …' },
    { phrase: "that's our policy", suggestion: EXPLAIN_THE_REASON },
    { phrase: 'that is our policy', suggestion: EXPLAIN_THE_REASON },
    { phrase: 'against our policy', suggestion: EXPLAIN_THE_REASON },
    { phrase: 'against policy', suggestion: EXPLAIN_THE_REASON },
    { phrase: 'not my department', suggestion: 'Let me connect you with the team that handles this.' },
    { phrase: 'not my job', suggestion: 'Let me find the right person for this.' },
    { phrase: 'not possible', suggestion: WHAT_IS_POSSIBLE },
    { phrase: "isn't possible", suggestion: WHAT_IS_POSSIBLE },
    { phrase: "it's impossible", suggestion: 'Let’s look at what is possible.' },
    { phrase: 'is impossible', suggestion: 'Let’s look at what is possible.' },
    { phrase: 'no longer possible', suggestion: WHAT_IS_POSSIBLE },
    { phrase: 'not allowed', suggestion: EXPLAIN_THE_REASON },
    { phrase: 'no way to', suggestion: 'Let me see what I can arrange.' },
    { phrase: 'i have no idea', suggestion: 'Let me find out for you.' },
  ],
  exceptions: [
    "can't thank you enough",
    'cannot thank you enough',
    "can't wait",
    'cannot wait',
    "can't recommend",
    "can't stress enough",
    'no problem',
    'not a problem',
    "won't be long",
    "won't take long",
    'will not take long',
    // A negation inside a promise is an overpromise, not negative language (METRICS.md).
    "won't let this happen again",
    "won't let that happen again",
    'will not let this happen again',
    "won't happen again",
    'will not happen again',
    "won't be charged",
    "won't be billed",
  ],
};
