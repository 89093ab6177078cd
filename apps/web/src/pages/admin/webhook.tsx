import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Webhook = RouterOutputs['notifications']['webhook']['get'];

/** The organisation's webhook: where every notification is posted as signed JSON, and how that went. */
export function WebhookSection() {
  const trpc = useTRPC();
  const webhook = useQuery(trpc.notifications.webhook.get.queryOptions());
  if (webhook.isPending) return <Loading>Loading the webhook…</Loading>;
  if (webhook.isError)
    return <QueryError error={webhook.error} what="the webhook" onRetry={() => webhook.refetch()} />;
  return (
    <>
      <WebhookForm webhook={webhook.data} />
      <Deliveries webhook={webhook.data} />
    </>
  );
}

function WebhookForm({ webhook }: { webhook: Webhook }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(webhook.url ?? '');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(webhook.enabled);
  const save = useMutation(
    trpc.notifications.webhook.set.mutationOptions({
      onSuccess: async () => {
        setSecret('');
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.webhook.pathKey() });
      },
    }),
  );
  return (
    <form
      className="card stacked-form"
      aria-labelledby="webhook-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ url: url.trim(), enabled, ...(secret ? { secret } : {}) });
      }}
    >
      <h2 id="webhook-title">Webhook</h2>
      <p className="muted">
        Each notification is posted as JSON, signed in the <code>X-Rapport-Signature</code> header (
        <code>sha256=</code> and the HMAC-SHA256 of the body with the secret). A receiver that fails gets it
        again later; the body’s <code>id</code> is the same each time, so a receiver can ignore repeats.
      </p>
      <label>
        URL <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} size={50} />
      </label>
      <label>
        Secret{' '}
        <input
          type="password"
          autoComplete="new-password"
          value={secret}
          minLength={16}
          required={!webhook.secretSet}
          placeholder={webhook.secretSet ? 'unchanged' : 'at least 16 characters'}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send
        notifications to this webhook
      </label>
      <button type="submit" disabled={save.isPending}>
        Save
      </button>
      {save.isSuccess && <span role="status"> Saved.</span>}
      {save.isError && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  if (webhook.recent.length === 0) return null;
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Recent deliveries</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {webhook.recent.map((d) => (
            <tr key={d.id}>
              <td>{d.kind}</td>
              <td>{d.state}</td>
              <td>{d.attempts}</td>
              <td>{d.lastError ?? '—'}</td>
              <td>{formatDateTime(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
