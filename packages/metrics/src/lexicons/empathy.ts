import type { Lexicon } from './types.ts';

/** Empathy statements: the agent acknowledges the customer's feelings. */
export const EMPATHY: Lexicon = {
  id: 'empathy',
  rule: {
    seed: '001_9b1cc764c0cd2040.txt',
    quote:
      'Use empathetic statements, like “I understand how that might feel” or “I’m sorry you’re experiencing this.”',
  },
  entries: [
    { phrase: 'i understand' },
    { phrase: 'i completely understand' },
    { phrase: 'i totally understand' },
    { phrase: "i'm sorry" },
    { phrase: 'i am sorry' },
    { phrase: "i'm so sorry" },
    { phrase: 'sorry to hear' },
    { phrase: 'i apologise' },
    { phrase: 'i apologize' },
    { phrase: 'my apologies' },
    { phrase: 'i can imagine' },
    { phrase: 'that must be frustrating' },
    { phrase: 'that must be difficult' },
    { phrase: 'that sounds frustrating' },
    { phrase: 'that sounds stressful' },
    { phrase: 'i know how frustrating' },
    { phrase: 'i can see why' },
    { phrase: 'i hear you' },
    { phrase: "i'd feel the same" },
    { phrase: 'i would feel the same' },
  ],
};
