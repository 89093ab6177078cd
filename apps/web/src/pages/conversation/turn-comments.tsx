import { useId, useState } from 'react';
import { turnLabel } from './turn-label.ts';

export interface TurnComment {
  turn: number;
  text: string;
}

/**
 * A reviewer's comments on single turns of the conversation, part of the review: choose a turn, write
 * the comment, add it; each added comment can be removed before the review is submitted. The agent
 * reads them with the review, each linking to its turn.
 */
export function TurnCommentsField({
  turns,
  comments,
  onChange,
}: {
  turns: readonly { index: number; speaker: string; text: string }[];
  comments: readonly TurnComment[];
  onChange: (comments: TurnComment[]) => void;
}) {
  const [turn, setTurn] = useState(turns.find((t) => t.speaker === 'agent')?.index ?? turns[0]?.index ?? 0);
  const [text, setText] = useState('');
  const turnId = useId();
  const textId = useId();
  if (turns.length === 0) return null;
  const duplicate = comments.some((c) => c.turn === turn && c.text === text.trim());
  const add = () => {
    onChange([...comments, { turn, text: text.trim() }]);
    setText('');
  };
  return (
    <fieldset className="turn-comments">
      <legend>Comments on turns (optional)</legend>
      {comments.length > 0 && (
        <ol>
          {comments.map((c, i) => (
            <li key={`${c.turn}-${c.text}`}>
              <a href={`#turn-${c.turn}`}>Turn {c.turn + 1}</a>: {c.text}{' '}
              <button
                type="button"
                className="secondary"
                aria-label={`Remove the comment on turn ${c.turn + 1}`}
                onClick={() => onChange(comments.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <label htmlFor={turnId}>Turn</label>
      <select id={turnId} value={turn} onChange={(e) => setTurn(Number(e.target.value))}>
        {turns.map((t) => (
          <option key={t.index} value={t.index}>
            {turnLabel(t)}
          </option>
        ))}
      </select>
      <label htmlFor={textId}>Comment on turn {turn + 1}</label>
      <textarea id={textId} value={text} maxLength={2_000} onChange={(e) => setText(e.target.value)} />
      <div className="form-actions">
        <button type="button" className="secondary" disabled={text.trim() === '' || duplicate} onClick={add}>
          Add the comment
        </button>
      </div>
    </fieldset>
  );
}
