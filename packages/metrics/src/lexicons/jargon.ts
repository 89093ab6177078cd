import type { Lexicon } from './types.ts';

/**
 * Generic support jargon with a plain-language alternative. Organisations add their own product terms
 * through `EngineOptions.lexicons` (see `extendLexicons`).
 */
export const JARGON: Lexicon = {
  id: 'jargon',
  rule: {
    seed: '002_54fcf50944242143.txt',
    quote:
      'Avoid Technical Jargon • Don’t: Use industry-specific terms that the customer may not understand.',
  },
  entries: [
    { phrase: 'sla', suggestion: 'the time we have committed to' },
    { phrase: 'rma', suggestion: 'return authorisation' },
    { phrase: 'escalation matrix', suggestion: 'who looks at this next' },
    { phrase: 'tier 1', suggestion: 'our first support team' },
    { phrase: 'tier 2', suggestion: 'our specialist team' },
    { phrase: 'tier 3', suggestion: 'our technical experts' },
    { phrase: 'l2', suggestion: 'our specialist team' },
    { phrase: 'provisioning', suggestion: 'setting up your service' },
    { phrase: 'backend', suggestion: 'our systems' },
    { phrase: 'back end', suggestion: 'our systems' },
    { phrase: 'crm', suggestion: 'our customer records' },
    { phrase: 'rca', suggestion: 'finding out what caused it' },
    { phrase: 'root cause analysis', suggestion: 'finding out what caused it' },
    { phrase: 'kb article', suggestion: 'help article' },
    { phrase: 'ticket queue', suggestion: 'our list of open requests' },
    { phrase: 'propagation', suggestion: 'the change taking effect' },
    { phrase: 'latency', suggestion: 'delay' },
    { phrase: 'ivr', suggestion: 'the phone menu' },
    { phrase: 'sku', suggestion: 'product code' },
    { phrase: 'chargeback', suggestion: 'payment reversal' },
  ],
};
