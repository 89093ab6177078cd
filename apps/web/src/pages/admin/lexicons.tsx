import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { entriesToText, textToEntries, textToExceptions } from './lexicon-text.ts';
import { SaveResult, useConfigUpdate } from './settings.tsx';

type Config = RouterOutputs['admin']['config']['get'];
type LexiconId = keyof Config['effective']['lexicons'];

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
  const [exceptionDrafts, setExceptionDrafts] = useState<Partial<Record<LexiconId, string>>>({});
  const update = useConfigUpdate();
  const current = config.effective.lexicons[id];
  const text = drafts[id] ?? entriesToText(current.entries);
  const exceptionsText = exceptionDrafts[id] ?? current.exceptions.join('\n');
  const read = textToEntries(text);
  const rule = config.defaults.lexicons[id].rule;
  return (
    <form
      className="card form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        if (!read.ok) return;
        const exceptions = textToExceptions(exceptionsText);
        // Unedited exceptions stay Rapport's defaults, so that later default lists still apply.
        const exceptionsChanged = exceptions.join('\n') !== current.exceptions.join('\n');
        update.mutate({
          lexicons: { [id]: read.entries },
          ...(exceptionsChanged ? { exceptions: { [id]: exceptions } } : {}),
        });
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
              {config.effective.lexicons[l].custom || config.effective.lexicons[l].customExceptions
                ? ' (customised)'
                : ''}
            </option>
          ))}
        </select>
      </label>
      <blockquote className="seed-quote">
        “{rule.quote}” <cite>— {rule.seed}</cite>
      </blockquote>
      <label className="stacked-label">
        Phrases, one a line: “phrase =&gt; better wording” adds a suggestion; after “|” the context in which
        it counts: subject=agent, next=word,…, not-next=word,… ((end): nothing follows), with=phrase,…,
        without=phrase,…
        <textarea
          rows={12}
          value={text}
          spellCheck={false}
          aria-invalid={!read.ok}
          aria-describedby="lexicon-status"
          onChange={(e) => setDrafts({ ...drafts, [id]: e.target.value })}
        />
      </label>
      <label className="stacked-label">
        Exceptions, one a line: idioms that contain a phrase but are not the behaviour (“can’t thank you
        enough” is not negative language)
        <textarea
          rows={5}
          value={exceptionsText}
          spellCheck={false}
          onChange={(e) => setExceptionDrafts({ ...exceptionDrafts, [id]: e.target.value })}
        />
      </label>
      <p id="lexicon-status" className={read.ok ? 'muted' : 'error'} role={read.ok ? undefined : 'alert'}>
        {read.ok
          ? `${read.entries.length} phrases, ${textToExceptions(exceptionsText).length} exceptions · ${
              current.custom || current.customExceptions
                ? 'customised for your organisation'
                : 'Rapport’s default list'
            }. Saving re-scores every stored conversation in the background.`
          : `Line ${read.line}: ${read.error}.`}
      </p>
      <SaveResult update={update} />
      <div className="form-actions">
        <button type="submit" disabled={update.isPending || !read.ok || read.entries.length === 0}>
          Save lexicon and recompute
        </button>
        {(current.custom || current.customExceptions) && (
          <button
            type="button"
            className="secondary"
            disabled={update.isPending}
            onClick={() => {
              setDrafts({ ...drafts, [id]: undefined });
              setExceptionDrafts({ ...exceptionDrafts, [id]: undefined });
              update.mutate({ lexicons: { [id]: null }, exceptions: { [id]: null } });
            }}
          >
            Back to the default lists
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
