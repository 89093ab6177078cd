import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { SaveResult, useConfigUpdate } from './settings.tsx';

type Config = RouterOutputs['admin']['config']['get'];
type LexiconId = keyof Config['effective']['lexicons'];

const SEPARATOR = ' => ';

/** One entry a line: `phrase` or `phrase => suggested rewording`. */
function toText(entries: readonly { phrase: string; suggestion?: string | undefined }[]): string {
  return entries.map((e) => (e.suggestion ? `${e.phrase}${SEPARATOR}${e.suggestion}` : e.phrase)).join('\n');
}

function fromText(text: string): { phrase: string; suggestion?: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=>');
      if (at < 0) return { phrase: line };
      const suggestion = line.slice(at + 2).trim();
      return { phrase: line.slice(0, at).trim(), ...(suggestion ? { suggestion } : {}) };
    });
}

/** The phrase lists behind the metrics, and the script library that scriptReliance compares with. */
export function LexiconsSection() {
  const trpc = useTRPC();
  const config = useQuery(trpc.admin.config.get.queryOptions());
  if (config.isPending) return <Loading>Loading lexicons…</Loading>;
  if (config.isError)
    return <QueryError error={config.error} what="the lexicons" onRetry={() => config.refetch()} />;
  return (
    <>
      <LexiconEditor config={config.data} />
      <ScriptsEditor config={config.data} />
    </>
  );
}

function LexiconEditor({ config }: { config: Config }) {
  const ids = Object.keys(config.effective.lexicons) as LexiconId[];
  const [id, setId] = useState<LexiconId>(ids[0] as LexiconId);
  const [drafts, setDrafts] = useState<Partial<Record<LexiconId, string>>>({});
  const update = useConfigUpdate();
  const current = config.effective.lexicons[id];
  const text = drafts[id] ?? toText(current.entries);
  const rule = config.defaults.lexicons[id].rule;
  return (
    <form
      className="card form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ lexicons: { [id]: fromText(text) } });
      }}
      aria-labelledby="lexicon-title"
    >
      <h2 id="lexicon-title">Lexicons</h2>
      <label className="stacked-label">
        Lexicon
        <select value={id} onChange={(e) => setId(e.target.value as LexiconId)}>
          {ids.map((l) => (
            <option key={l} value={l}>
              {l}
              {config.effective.lexicons[l].custom ? ' (customised)' : ''}
            </option>
          ))}
        </select>
      </label>
      <blockquote className="seed-quote">
        “{rule.quote}” <cite>— {rule.seed}</cite>
      </blockquote>
      <label className="stacked-label">
        Phrases, one a line (“phrase =&gt; better wording” adds a suggestion)
        <textarea
          rows={12}
          value={text}
          spellCheck={false}
          onChange={(e) => setDrafts({ ...drafts, [id]: e.target.value })}
        />
      </label>
      <p className="muted">
        {fromText(text).length} phrases ·{' '}
        {current.custom ? 'customised for your organisation' : 'Rapport’s default list'}. Saving re-scores
        every stored conversation in the background.
      </p>
      <SaveResult update={update} />
      <div className="form-actions">
        <button type="submit" disabled={update.isPending || fromText(text).length === 0}>
          Save lexicon and recompute
        </button>
        {current.custom && (
          <button
            type="button"
            className="secondary"
            disabled={update.isPending}
            onClick={() => {
              setDrafts({ ...drafts, [id]: undefined });
              update.mutate({ lexicons: { [id]: null } });
            }}
          >
            Back to the default list
          </button>
        )}
      </div>
    </form>
  );
}

function ScriptsEditor({ config }: { config: Config }) {
  const [text, setText] = useState(config.effective.scripts.join('\n'));
  const update = useConfigUpdate();
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <form
      className="card form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ scripts: lines });
      }}
      aria-labelledby="scripts-title"
    >
      <h2 id="scripts-title">Script library</h2>
      <label className="stacked-label">
        Script lines, one a line (agent sentences close to one of these count towards script reliance)
        <textarea rows={8} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="muted">{lines.length} lines.</p>
      <SaveResult update={update} />
      <div className="form-actions">
        <button type="submit" disabled={update.isPending}>
          Save scripts and recompute
        </button>
      </div>
    </form>
  );
}
