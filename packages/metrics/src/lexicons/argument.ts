import type { Lexicon } from './types.ts';

/** Argumentative or personal phrases: the agent challenges the customer instead of the problem. */
export const ARGUMENT: Lexicon = {
  id: 'argument',
  rule: {
    seed: '002_54fcf50944242143.txt',
    quote: 'Don’t Argue with Customers • Don’t: Challenge the customer’s perspective, even if you disagree.',
  },
  entries: [
    { phrase: "you're wrong" },
    { phrase: 'you are wrong' },
    { phrase: "that's not true" },
    { phrase: 'that is not true' },
    { phrase: "that's not what i said" },
    { phrase: 'calm down' },
    { phrase: 'as i already said' },
    { phrase: 'as i said before' },
    { phrase: 'like i said' },
    { phrase: 'i already told you' },
    { phrase: "you don't understand" },
    { phrase: "you're not listening" },
    { phrase: 'you are not listening' },
    { phrase: 'listen to me' },
    { phrase: "that's your problem" },
    { phrase: 'your fault' },
    { phrase: 'you should have' },
    { phrase: 'you misunderstood' },
    { phrase: "that's ridiculous" },
    { phrase: 'let me finish' },
  ],
};
