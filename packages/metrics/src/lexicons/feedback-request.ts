import type { Lexicon } from './types.ts';

/** The agent invites the customer to say how the service went. */
export const FEEDBACK_REQUEST: Lexicon = {
  id: 'feedbackRequest',
  rule: {
    seed: '002_54fcf50944242143.txt',
    quote: 'Ask for Feedback • Do: Encourage customers to share their thoughts about the service.',
  },
  entries: [
    { phrase: 'how did i do' },
    { phrase: 'how did we do' },
    { phrase: 'any feedback' },
    { phrase: 'your feedback' },
    { phrase: 'share your feedback' },
    { phrase: 'feedback survey' },
    { phrase: 'share your thoughts' },
    { phrase: 'rate your experience' },
    { phrase: 'rate our service' },
    { phrase: 'rate the service' },
    { phrase: 'rate this chat' },
    { phrase: 'rate this call' },
    { phrase: 'how would you rate' },
    { phrase: 'how was your experience' },
    { phrase: 'how satisfied' },
    { phrase: 'short survey' },
    { phrase: 'quick survey' },
    { phrase: 'leave a review' },
  ],
};
