import type { Lexicon } from './types.ts';

/** Phrases by which an agent repeats back what the customer said to confirm understanding. */
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
  ],
};
