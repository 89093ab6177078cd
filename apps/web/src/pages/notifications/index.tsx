import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Preference = RouterOutputs['notifications']['preferences'][number];

/** `/notifications`: everything the person was told, newest first, and which kinds reach them how. */
export function NotificationsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.notifications.list.queryOptions({ limit: 100 }));
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {list.isPending && <Loading>Loading notifications…</Loading>}
      {list.isError && <QueryError error={list.error} what="notifications" onRetry={() => list.refetch()} />}
      {list.data?.length === 0 && <Empty>Nothing yet. What awaits you will appear here.</Empty>}
      {list.data && list.data.length > 0 && (
        <ol className="notification-list">
          {list.data.map((n) => (
            <li key={n.id} className={n.readAt ? 'card notification read' : 'card notification unread'}>
              <h2>
                {!n.readAt && <span className="visually-hidden">Unread: </span>}
                {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
              </h2>
              <p className="muted">{formatDateTime(n.createdAt)}</p>
              <p className="notification-body">{n.body}</p>
              {!n.readAt && (
                <button
                  type="button"
                  className="secondary small"
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate({ ids: [n.id] })}
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <PreferencesForm />
    </section>
  );
}

function PreferencesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.notifications.preferences.queryOptions());
  const [edits, setEdits] = useState<Record<string, Preference>>({});
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.pathKey() });
        setEdits({});
      },
    }),
  );
  if (preferences.isPending) return <Loading>Loading your settings…</Loading>;
  if (preferences.isError)
    return (
      <QueryError
        error={preferences.error}
        what="your notification settings"
        onRetry={() => preferences.refetch()}
      />
    );
  if (preferences.data.length === 0) return null;
  const rows = preferences.data.map((p) => edits[p.kind] ?? p);
  const change = (p: Preference, patch: Partial<Preference>) =>
    setEdits({ ...edits, [p.kind]: { ...p, ...patch } });
  return (
    <form
      className="card"
      aria-labelledby="notification-settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ preferences: rows.map(({ kind, inApp, email }) => ({ kind, inApp, email })) });
      }}
    >
      <h2 id="notification-settings-title">What reaches me</h2>
      <table className="preferences">
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col">In the app</th>
            <th scope="col">By email</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.kind}>
              <th scope="row">{p.label}</th>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${p.label} in the app`}
                  checked={p.inApp}
                  onChange={(e) => change(p, { inApp: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${p.label} by email`}
                  checked={p.email}
                  onChange={(e) => change(p, { email: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Email is sent only where the server has an SMTP server set up.</p>
      <button type="submit" disabled={save.isPending || Object.keys(edits).length === 0}>
        Save
      </button>
      {save.isSuccess && Object.keys(edits).length === 0 && <span role="status"> Saved.</span>}
      {save.isError && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
