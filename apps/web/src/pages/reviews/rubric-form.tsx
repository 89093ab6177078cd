import type { RouterOutputs } from '../../lib/api-types.ts';

export type Rubric = RouterOutputs['reviews']['prepare']['rubric'];
export type PreAnswer = RouterOutputs['reviews']['prepare']['preAnswers'][number];
export type AnswerValue = 'yes' | 'no' | 'na' | number;
export type Answers = Record<string, AnswerValue>;

const ENGINE_WORDS: Record<PreAnswer['answer'], string> = { yes: 'Yes', no: 'No', na: 'N/A' };

/** The engine's answers as the starting answers of a form; the reviewer changes what they disagree with. */
export function startingAnswers(preAnswers: readonly PreAnswer[]): Answers {
  return Object.fromEntries(preAnswers.map((p) => [p.questionId, p.answer]));
}

/**
 * Renders only: each section's questions as a group of choices (Yes / No / N/A, or 1–5), and beside a
 * pre-answered question the engine's answer with the words that justify it, so a reviewer sees why
 * before agreeing or not.
 */
export function RubricForm({
  rubric,
  answers,
  preAnswers = [],
  onChange,
}: {
  rubric: Rubric;
  answers: Answers;
  preAnswers?: readonly PreAnswer[];
  onChange: (questionId: string, value: AnswerValue) => void;
}) {
  const engine = new Map(preAnswers.map((p) => [p.questionId, p]));
  return (
    <div className="rubric-form">
      {rubric.definition.sections.map((section) => (
        <fieldset key={section.id} className="rubric-section">
          <legend>
            {section.title}
            {section.bonus && <span className="badge badge-ok"> bonus</span>}
          </legend>
          {section.help && <p className="muted">{section.help}</p>}
          {section.questions.map((q) => {
            const choices: { value: AnswerValue; label: string }[] =
              q.scale === 'yesNo'
                ? [
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                  ]
                : [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }));
            if (q.allowNa) choices.push({ value: 'na', label: 'N/A' });
            const pre = engine.get(q.id);
            const name = `q-${q.id}`;
            return (
              <div
                key={q.id}
                role="radiogroup"
                aria-label={q.text}
                className="rubric-question"
                data-question={q.id}
              >
                <p className="question-text">
                  {q.text}
                  {q.critical && <span className="badge badge-warn"> critical</span>}
                  {q.autoFail && <span className="badge badge-warn"> a “no” fails the review</span>}
                </p>
                {q.help && <p className="muted question-help">{q.help}</p>}
                <div className="choices">
                  {choices.map((c) => (
                    <label key={String(c.value)}>
                      <input
                        type="radio"
                        name={name}
                        checked={answers[q.id] === c.value}
                        onChange={() => onChange(q.id, c.value)}
                      />{' '}
                      {c.label}
                    </label>
                  ))}
                </div>
                {pre && (
                  <div className="pre-answer" data-engine-answer={pre.answer}>
                    <span className="muted">Engine: {ENGINE_WORDS[pre.answer]}</span>
                    {pre.evidence.length > 0 && (
                      <ul className="pre-answer-evidence">
                        {pre.evidence.map((e) => (
                          <li key={`${e.turn}-${e.start}-${e.kind}`}>
                            <q>{e.text}</q>{' '}
                            <span className="muted">
                              (turn {e.turn + 1},{' '}
                              {e.kind === 'credit'
                                ? 'counts for the agent'
                                : e.kind === 'missing'
                                  ? 'missing here'
                                  : 'flagged'}
                              )
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
