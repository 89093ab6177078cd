import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { MetricId } from '../../lib/api-types.ts';
import { metricLabel } from '../../lib/metrics.ts';
import { Link, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

const MAX_FOCUS = 5;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * A coaching session from an opportunity: the focus metrics (this one ticked, the agent's other
 * opportunities offered), a note for the agent and the day it took place. coaching.create checks
 * that the supervisor may coach this agent.
 */
export function CoachingForm({
  agentId,
  agentName,
  choices,
  initial,
  onClose,
}: {
  agentId: string;
  agentName: string;
  choices: readonly MetricId[];
  initial: MetricId;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [focus, setFocus] = useState<MetricId[]>([initial]);
  const [note, setNote] = useState('');
  const [sessionDate, setSessionDate] = useState(today);
  const create = useMutation(
    trpc.coaching.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.coaching.list.pathKey() }),
    }),
  );
  const noteId = useId();
  const firstField = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    firstField.current?.querySelector('input')?.focus();
  }, []);

  const toggle = (id: MetricId, on: boolean) =>
    setFocus((current) => (on ? [...current, id] : current.filter((m) => m !== id)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ agentId, focusMetrics: focus, note, sessionDate });
  };

  if (create.isSuccess)
    return (
      <div className="card coaching-form" role="status">
        <p className="success">
          Coaching session saved for {agentName} on {focus.map(metricLabel).join(', ')}. {agentName} sees it
          under “My coaching” and can acknowledge it.
        </p>
        <p>
          <Link to={withQuery('/coaching', { agent: agentId })}>Open {agentName}’s coaching sessions</Link>{' '}
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </p>
      </div>
    );
  return (
    <form
      className="card coaching-form form-grid"
      onSubmit={submit}
      aria-label={`Plan coaching for ${agentName}`}
    >
      <h4>Plan a coaching session with {agentName}</h4>
      <fieldset className="checkbox-list" ref={firstField}>
        <legend>Focus metrics (up to {MAX_FOCUS})</legend>
        {choices.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={focus.includes(id)}
              disabled={!focus.includes(id) && focus.length >= MAX_FOCUS}
              onChange={(e) => toggle(id, e.target.checked)}
            />
            {metricLabel(id)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={noteId}>Note for {agentName}</label>
      <textarea
        id={noteId}
        required
        maxLength={5_000}
        value={note}
        placeholder="What you talked about, what to try next, how you will check it"
        onChange={(e) => setNote(e.target.value)}
      />
      <label className="stacked-label">
        Session date
        <input type="date" required value={sessionDate} onChange={(e) => setSessionDate(e.target.value)} />
      </label>
      {create.isError && (
        <p className="error" role="alert">
          Not saved: {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending || focus.length === 0}>
          {create.isPending ? 'Saving…' : 'Save coaching session'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
