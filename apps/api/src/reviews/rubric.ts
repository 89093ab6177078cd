import { METRIC_IDS, type MetricId } from '@rapport/metrics';
import { z } from 'zod';
import { Text } from '../text-input.ts';

/**
 * A rubric: weighted sections of weighted questions that a person answers about one conversation.
 * What the peers' QA tools offer (Zendesk QA, MaestroQA): yes/no and 1–5 scales, N/A where a question
 * may not apply, critical questions scored apart, auto-fail questions that zero the review and bonus
 * sections that lift a score above 100 %. A question may name the metric that pre-answers it from the
 * engine's evidence (pre-answer.ts). How a rubric scores is in score.ts.
 */

/** A section's or question's id: stable across versions, so answers and agreement line up. */
const Key = Text(64).regex(
  /^[a-z0-9][a-z0-9-]*$/,
  'use lower-case letters, digits and dashes (e.g. "thanks")',
);

export const AnswerScale = z.enum(['yesNo', 'oneToFive']);
export type AnswerScale = z.infer<typeof AnswerScale>;

const Weight = z
  .number()
  .positive('must be more than 0')
  .max(100, 'must be at most 100')
  .refine(Number.isFinite, 'must be a number');

export const RubricQuestion = z.object({
  id: Key,
  text: Text(300).trim().min(1, 'write the question'),
  help: Text(1_000).trim().optional(),
  scale: AnswerScale,
  /** N/A may be answered; an N/A answer leaves the question out of the denominator. */
  allowNa: z.boolean().default(false),
  weight: Weight.default(1),
  /** Scored apart, in the critical score, and not in the section's score. */
  critical: z.boolean().default(false),
  /** A "no" makes the whole review score 0. */
  autoFail: z.boolean().default(false),
  /** The metric whose evidence pre-answers the question (yes/no questions only). */
  metric: z
    .enum(METRIC_IDS as [MetricId, ...MetricId[]], {
      error: 'not a metric of the catalog (packages/metrics)',
    })
    .optional(),
});
export type RubricQuestion = z.output<typeof RubricQuestion>;

export const RubricSection = z.object({
  id: Key,
  title: Text(200).trim().min(1, 'give the section a title'),
  help: Text(1_000).trim().optional(),
  weight: Weight.default(1),
  /** Scored above the rest: adds its weighted share on top, so a review may pass 100 %. */
  bonus: z.boolean().default(false),
  questions: z.array(RubricQuestion).min(1, 'a section needs at least one question').max(50),
});
export type RubricSection = z.output<typeof RubricSection>;

export const RubricDefinition = z
  .object({
    name: Text(200).trim().min(1, 'give the rubric a name'),
    description: Text(2_000).trim().optional(),
    sections: z.array(RubricSection).min(1, 'a rubric needs at least one section').max(20),
  })
  .superRefine((rubric, context) => {
    const problem = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const sectionIds = new Set<string>();
    const questionIds = new Set<string>();
    rubric.sections.forEach((section, s) => {
      if (sectionIds.has(section.id))
        problem(['sections', s, 'id'], `section id "${section.id}" is used twice`);
      sectionIds.add(section.id);
      section.questions.forEach((question, q) => {
        const at = ['sections', s, 'questions', q];
        // Answers are keyed by question id across the whole rubric.
        if (questionIds.has(question.id))
          problem([...at, 'id'], `question id "${question.id}" is used twice`);
        questionIds.add(question.id);
        if (question.autoFail && question.scale !== 'yesNo')
          problem([...at, 'autoFail'], 'only a yes/no question can fail the review');
        if (question.metric && question.scale !== 'yesNo')
          problem([...at, 'metric'], 'only a yes/no question can be pre-answered from a metric');
      });
    });
    const scored = rubric.sections.some((s) => !s.bonus && s.questions.some((q) => !q.critical));
    if (!scored)
      problem(['sections'], 'at least one section that is not a bonus needs a question that is not critical');
  });
export type RubricDefinition = z.output<typeof RubricDefinition>;

/** One answer: yes/no, 1–5, or N/A. */
export const AnswerValue = z.union([
  z.enum(['yes', 'no', 'na']),
  z.number().int('answer with a whole number from 1 to 5').min(1).max(5),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** Every question's answer, by question id. */
export type Answers = Record<string, AnswerValue>;

export function rubricQuestions(rubric: RubricDefinition): RubricQuestion[] {
  return rubric.sections.flatMap((s) => s.questions);
}

/**
 * What is wrong with a set of answers for this rubric, as sentences; empty when every question has
 * one answer its scale allows and nothing else is answered. A review is stored whole or not at all.
 */
export function answerProblems(rubric: RubricDefinition, answers: Answers): string[] {
  const problems: string[] = [];
  const questions = rubricQuestions(rubric);
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push(`"${id}" is not a question of this rubric`);
  }
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined) problems.push(`answer "${question.text}"`);
    else if (answer === 'na' && !question.allowNa) problems.push(`"${question.text}" cannot be N/A`);
    else if (question.scale === 'yesNo' && typeof answer === 'number')
      problems.push(`"${question.text}" takes yes or no`);
    else if (question.scale === 'oneToFive' && (answer === 'yes' || answer === 'no'))
      problems.push(`"${question.text}" takes 1 to 5`);
  }
  return problems;
}
