import type { Lexicon } from './types.ts';

/**
 * Phrases by which an agent confirms understanding. A phrase is a paraphrase only when a restatement
 * of the customer's words follows it (the rule lives in listening.ts): "just to confirm, have you
 * tried restarting?" checks something new.
 */
export const PARAPHRASE: Lexicon = {
  id: 'paraphrase',
  rule: {
    seed: '001_9b1cc764c0cd2040.txt',
    quote: 'Regularly paraphrase or repeat back what the customer has said to confirm your understanding.',
  },
  entries: [
    { phrase: 'just to confirm' },
    { phrase: 'let me just confirm' },
    { phrase: 'if i understand correctly' },
    { phrase: 'if i understood correctly' },
    { phrase: "if i've understood" },
    { phrase: "so what you're saying" },
    { phrase: 'so what you are saying' },
    { phrase: "so you're saying" },
    { phrase: 'so you are saying' },
    { phrase: "what i'm hearing is" },
    { phrase: 'let me make sure i understand' },
    { phrase: "let me make sure i've got this right" },
    { phrase: 'to make sure i understand' },
    { phrase: 'just to clarify' },
    { phrase: "correct me if i'm wrong" },
    { phrase: 'am i right in saying' },
    { phrase: 'to recap' },
    { phrase: 'to summarise' },
    { phrase: 'to summarize' },
    { phrase: 'in other words' },
    { phrase: 'it sounds like' },
    { phrase: 'i understand' },
    { phrase: 'we understand' },
    { phrase: 'i understand that' },
    { phrase: 'we understand that' },
    { phrase: 'sounds like you' },
    { phrase: "if i'm understanding" },
    { phrase: 'if i am understanding' },
    { phrase: 'so basically you' },
    {
      phrase: 'so you',
      context: {
        nextWordIn: [
          'were',
          'have',
          'had',
          'are',
          "can't",
          "haven't",
          "didn't",
          'did',
          'want',
          'need',
          'got',
          'received',
          'tried',
          'paid',
          'ordered',
          'noticed',
        ],
      },
    },
  ],
  exceptions: [],
};
