import type { MetricId } from '../catalog.ts';
import type { SeedRule } from '../lexicons/types.ts';

const S000 = '000_ea97883a5136d518.txt';
const S001 = '001_9b1cc764c0cd2040.txt';
const S002 = '002_54fcf50944242143.txt';
const S003 = '003_3daaf5ff60cbc623.txt';
const S004 = '004_3321e741b2f99bbf.txt';

/**
 * For every metric, one sentence of a seed document (`shared/seeds/`) that states the rule it measures,
 * quoted verbatim with the file it comes from. A coaching opportunity shows it so the agent reads the
 * rule itself rather than a number.
 */
// biome-ignore format: one metric a line, in catalog order
export const METRIC_SEED_RULES: Readonly<Record<MetricId, SeedRule>> = {
  firstResponseMs: { seed: S002, quote: 'Aim to respond as quickly as possible, even if it’s just an acknowledgment.' },
  responseTimeMs: { seed: S002, quote: 'Prompt responses convey respect for the customer’s time and can prevent frustration.' },
  responseTimeP90Ms: { seed: S002, quote: 'Prompt responses convey respect for the customer’s time and can prevent frustration.' },
  responseWithinTargetRate: { seed: S000, quote: 'Executives should strive to resolve issues swiftly without compromising quality.' },
  handleTimeMs: { seed: S003, quote: 'Rushing through problem-solving can result in overlooking important details, leading to insufficient solutions.' },
  nonTalkTimeShare: { seed: S002, quote: 'Clearly explain any processes, wait times, or setbacks.' },
  interruptionsPerConversation: { seed: S000, quote: 'Allow the customer to express their concerns fully before providing a response.' },
  talkRatio: { seed: S000, quote: "It's essential for executives to listen carefully to understand the customer’s needs fully." },
  paraphraseRate: { seed: S001, quote: 'Regularly paraphrase or repeat back what the customer has said to confirm your understanding.' },
  clarifyingQuestionRate: { seed: S004, quote: "Understand the customer's viewpoint by asking clarifying questions." },
  empathyRate: { seed: S000, quote: 'Expressing empathy and maintaining patience can ease tension and make the customer feel valued.' },
  negativeLanguagePer100Words: { seed: S000, quote: 'Words matter, and the use of negative language can escalate a situation.' },
  argumentRate: { seed: S002, quote: 'Arguing can lead to conflict and a negative experience.' },
  thankRate: { seed: S000, quote: 'Always thank customers for bringing issues to your attention or for choosing your company’s services.' },
  personalizationRate: { seed: S001, quote: 'Use their names where possible, and recall previous interactions to tailor your service accordingly.' },
  jargonPer100Words: { seed: S000, quote: 'Avoid jargon or technical language that customers may find confusing.' },
  avgSentenceWords: { seed: S003, quote: 'Being able to convey your message clearly and concisely helps avoid misunderstandings.' },
  followUpRate: { seed: S000, quote: 'Always follow up with customers to ensure their problem is resolved to their satisfaction.' },
  transferWithoutExplanationRate: { seed: S000, quote: 'If a transfer is necessary, explain the reason and assure them that it’s intended to provide better assistance.' },
  overpromiseRate: { seed: S002, quote: 'Overpromising leads to disappointment and erodes trust.' },
  promiseKeptRate: { seed: S001, quote: 'Making promises you cannot keep is a fast track to disappointing customers.' },
  feedbackRequestRate: { seed: S002, quote: 'Encourage customers to share their thoughts about the service.' },
  scriptReliance: { seed: S001, quote: 'While scripts can provide guidance, over-reliance can lead to robotic interactions and a lack of personalization.' },
  csat: { seed: S003, quote: 'When customers feel heard, they are more likely to be satisfied with the interaction.' },
  feedbackSentiment: { seed: S001, quote: 'Customer feedback, positive or negative, is a valuable resource for improvement.' },
  customerSentimentShift: { seed: S004, quote: 'A positive attitude can turn a potentially negative situation into a constructive one.' },
  resolutionRate: { seed: S001, quote: 'Focusing on resolving the issue efficiently satisfies customers and reflects positively on your role.' },
  conversationsPerDay: { seed: S003, quote: 'Ignoring stress can lead to burnout.' },
};
