import { type MetricId, metricDefinition } from '@rapport/metrics';
import { type RubricDefinition, RubricDefinition as RubricSchema } from './rubric.ts';

/**
 * The rubric every organisation starts with (stored as its first rubric, version 1): the seed rules
 * the engine measures, asked as questions a reviewer answers "yes" when the agent did well. A question
 * linked to a metric takes its help text from the registry (the rule and its verbatim seed quotation)
 * and is pre-answered from that metric's evidence; the 1–5 questions ask what no metric can judge.
 */
const linked = (
  id: string,
  metric: MetricId,
  text: string,
  extra: { allowNa?: boolean; weight?: number; critical?: boolean; autoFail?: boolean } = {},
) => {
  const definition = metricDefinition(metric);
  return {
    id,
    text,
    help: `${definition.rule}: “${definition.seed.quote}”`,
    scale: 'yesNo' as const,
    metric,
    allowNa: extra.allowNa ?? false,
    weight: extra.weight ?? 1,
    critical: extra.critical ?? false,
    autoFail: extra.autoFail ?? false,
  };
};

const judged = (id: string, text: string, help: MetricId) => ({
  ...linked(id, help, text),
  scale: 'oneToFive' as const,
  metric: undefined,
});

export const DEFAULT_RUBRIC: RubricDefinition = RubricSchema.parse({
  name: 'Customer-service basics',
  description: 'The seed rules of good customer service, pre-answered from the engine’s evidence.',
  sections: [
    {
      id: 'listening',
      title: 'Listening',
      weight: 2,
      questions: [
        // Interruptions are measured on voice only: N/A on chat and email.
        linked('no-interruptions', 'interruptionsPerConversation', 'Did the agent let the customer finish?', {
          allowNa: true,
          weight: 1.5,
        }),
        linked('paraphrase', 'paraphraseRate', 'Did the agent restate the issue to confirm understanding?', {
          allowNa: true,
        }),
        linked('clarifying-question', 'clarifyingQuestionRate', 'Did the agent ask clarifying questions?', {
          allowNa: true,
        }),
      ],
    },
    {
      id: 'tone',
      title: 'Tone',
      weight: 2,
      questions: [
        linked('empathy', 'empathyRate', 'Did the agent acknowledge how the customer felt?', {
          allowNa: true,
          weight: 1.5,
        }),
        linked('positive-language', 'negativeLanguagePer100Words', 'Did the agent avoid negative language?', {
          allowNa: true,
        }),
        linked('thanks', 'thankRate', 'Did the agent thank the customer?', { allowNa: true }),
        // The customer's name is not always known.
        linked('name', 'personalizationRate', 'Did the agent use the customer’s name?', {
          allowNa: true,
          weight: 0.75,
        }),
        judged('courtesy', 'How patient and courteous was the agent overall?', 'empathyRate'),
      ],
    },
    {
      id: 'clarity',
      title: 'Clarity',
      weight: 1,
      questions: [
        linked('no-jargon', 'jargonPer100Words', 'Did the agent avoid jargon?', { allowNa: true }),
        linked('concise', 'avgSentenceWords', 'Were the agent’s sentences short and clear?', {
          allowNa: true,
          weight: 0.75,
        }),
      ],
    },
    {
      id: 'ownership',
      title: 'Ownership',
      weight: 2,
      questions: [
        // Most conversations have no transfer: N/A then.
        linked(
          'transfer-explained',
          'transferWithoutExplanationRate',
          'If transferred, was the reason explained?',
          {
            allowNa: true,
            weight: 1.5,
          },
        ),
        judged('resolution', 'How well did the agent resolve the customer’s issue?', 'resolutionRate'),
      ],
    },
    {
      id: 'conduct',
      title: 'Conduct',
      weight: 1,
      help: 'Critical questions, scored apart; arguing with a customer fails the review.',
      questions: [
        linked('no-argument', 'argumentRate', 'Did the agent avoid arguing with the customer?', {
          allowNa: true,
          critical: true,
          autoFail: true,
        }),
        linked(
          'no-overpromise',
          'overpromiseRate',
          'Did the agent avoid promising what nobody can guarantee?',
          {
            allowNa: true,
            critical: true,
          },
        ),
      ],
    },
    {
      id: 'going-further',
      title: 'Going further',
      weight: 0.5,
      bonus: true,
      help: 'A bonus: counts on top of the score.',
      questions: [
        linked('feedback-request', 'feedbackRequestRate', 'Did the agent ask for the customer’s feedback?', {
          allowNa: true,
        }),
        linked('natural', 'scriptReliance', 'Did the agent sound natural rather than scripted?', {
          allowNa: true,
        }),
      ],
    },
  ],
});
