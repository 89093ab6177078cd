import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RouterInputs } from '../lib/api-types.ts';
import { Link, withQuery } from '../lib/router.ts';
import { useTRPC } from '../lib/trpc.ts';
import { errorMessage } from './query-state.tsx';

type SaveInput = RouterInputs['views']['save'];
/** A page's kind of view with the state it would save, kept paired (an overview's state, a search's). */
export type ViewToSave = SaveInput extends infer V
  ? V extends SaveInput
    ? Pick<V, 'kind' | 'state'>
    : never
  : never;

/**
 * Saved views of one page (the team overview or conversation search): the caller's own and those
 * shared with them, each a link that reopens the same page (`?view=ID`: its state comes from the
 * server); saving names the current state, optionally shared with everyone in the organisation who
 * may open the page. `onSaved` puts the new view's id in the page's URL.
 */
export function SavedViews({
  view,
  currentId,
  pathname,
  onSaved,
}: {
  view: ViewToSave;
  currentId: number | undefined;
  pathname: string;
  onSaved: (id: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(trpc.views.list.queryOptions({ kind: view.kind }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.views.list.pathKey() });
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation(
    trpc.views.save.mutationOptions({
      onSuccess: ({ id }) => {
        void refresh();
        setName('');
        onSaved(id);
      },
    }),
  );
  const remove = useMutation(trpc.views.remove.mutationOptions({ onSuccess: () => void refresh() }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...view, name, shared });
  };
  const current = views.data?.find((v) => v.id === currentId);
  return (
    <section className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title">Saved views</h2>
      {current && (
        <p className="current-view">
          Showing the saved view <strong>{current.name}</strong>
          {current.shared ? ' (shared)' : ''} ·{' '}
          <Link to={withQuery(pathname, { view: String(current.id) })}>link to this view</Link>
        </p>
      )}
      {views.data && views.data.length > 0 && (
        <ul className="view-list">
          {views.data.map((v) => (
            <li key={v.id}>
              <Link to={withQuery(pathname, { view: String(v.id) })}>{v.name}</Link>
              {!v.mine && <span className="muted"> · shared by {v.ownerEmail}</span>}
              {v.mine && v.shared && <span className="muted"> · shared</span>}
              {v.mine && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Delete the view ${v.name}`}
                  onClick={() => remove.mutate({ id: v.id })}
                >
                  delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="save-view" onSubmit={submit}>
        <label>
          View name <input value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with
          the organisation
        </label>
        <button type="submit" disabled={save.isPending}>
          Save this view
        </button>
        {save.isError && (
          <span className="error" role="alert">
            {errorMessage(save.error)}
          </span>
        )}
      </form>
    </section>
  );
}
