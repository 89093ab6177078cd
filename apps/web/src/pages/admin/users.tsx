import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { Me, Role } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

const ROLES: Role[] = ['agent', 'supervisor', 'hr', 'admin'];

/** Users (add, change role, team or password, remove) and teams (add, rename). */
export function UsersSection({ me }: { me: Me }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const teams = useQuery(trpc.admin.teams.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
  const remove = useMutation(trpc.admin.users.remove.mutationOptions({ onSuccess: refresh }));
  const [confirming, setConfirming] = useState<number | null>(null);

  return (
    <>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {users.isPending && <Loading>Loading users…</Loading>}
        {users.isError && <QueryError error={users.error} what="the users" onRetry={() => users.refetch()} />}
        {users.data && (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Team</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.email}</th>
                    <td>{u.role}</td>
                    <td>{u.teamId ?? '—'}</td>
                    <td>{u.agentId ?? '—'}</td>
                    <td>{formatDateTime(u.createdAt)}</td>
                    <td>
                      {u.email !== me.email &&
                        (confirming === u.id ? (
                          <button type="button" onClick={() => remove.mutate({ id: u.id })}>
                            Confirm: remove {u.email}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="small secondary"
                            onClick={() => setConfirming(u.id)}
                          >
                            Remove<span className="visually-hidden"> {u.email}</span>
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {remove.isError && (
          <p className="error" role="alert">
            Not removed: {remove.error.message}
          </p>
        )}
        <UserForm teams={teams.data ?? []} onSaved={refresh} />
      </section>
      <section className="card" aria-labelledby="teams-title">
        <h2 id="teams-title">Teams</h2>
        {teams.isPending && <Loading>Loading teams…</Loading>}
        {teams.isError && <QueryError error={teams.error} what="the teams" onRetry={() => teams.refetch()} />}
        {teams.data && (
          <ul className="team-list">
            {teams.data.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong> <span className="muted">({t.id})</span>
              </li>
            ))}
          </ul>
        )}
        <TeamForm onSaved={refresh} />
      </section>
    </>
  );
}

function UserForm({ teams, onSaved }: { teams: { id: string; name: string }[]; onSaved: () => void }) {
  const trpc = useTRPC();
  const empty = { email: '', role: 'agent' as Role, teamId: '', agentId: '', password: '' };
  const [user, setUser] = useState(empty);
  const upsert = useMutation(
    trpc.admin.users.upsert.mutationOptions({
      onSuccess: () => {
        setUser(empty);
        onSaved();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    upsert.mutate({
      email: user.email,
      role: user.role,
      ...(user.teamId ? { teamId: user.teamId } : {}),
      ...(user.agentId ? { agentId: user.agentId } : {}),
      ...(user.password ? { password: user.password } : {}),
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="user-form-title">
      <h3 id="user-form-title">Add a user or change one (by email)</h3>
      <label>
        Email
        <input
          type="email"
          required
          value={user.email}
          onChange={(e) => setUser({ ...user, email: e.target.value })}
        />
      </label>
      <label>
        Role
        <select value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Team
        <select value={user.teamId} onChange={(e) => setUser({ ...user, teamId: e.target.value })}>
          <option value="">none</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agent id
        <input
          value={user.agentId}
          placeholder="for agents"
          onChange={(e) => setUser({ ...user, agentId: e.target.value })}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="new-password"
          minLength={12}
          maxLength={1024}
          value={user.password}
          placeholder="leave empty to keep"
          onChange={(e) => setUser({ ...user, password: e.target.value })}
        />
      </label>
      <button type="submit" disabled={upsert.isPending}>
        Save user
      </button>
      {upsert.isError && (
        <p className="error form-message" role="alert">
          Not saved: {upsert.error.message}
        </p>
      )}
      {upsert.isSuccess && (
        <p className="success form-message" role="status">
          Saved {upsert.data.email}.
        </p>
      )}
    </form>
  );
}

function TeamForm({ onSaved }: { onSaved: () => void }) {
  const trpc = useTRPC();
  const [team, setTeam] = useState({ id: '', name: '' });
  const upsert = useMutation(
    trpc.admin.teams.upsert.mutationOptions({
      onSuccess: () => {
        setTeam({ id: '', name: '' });
        onSaved();
      },
    }),
  );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        upsert.mutate(team);
      }}
      aria-labelledby="team-form-title"
    >
      <h3 id="team-form-title">Add a team or rename one (by id)</h3>
      <label>
        Id
        <input required value={team.id} onChange={(e) => setTeam({ ...team, id: e.target.value })} />
      </label>
      <label>
        Name
        <input required value={team.name} onChange={(e) => setTeam({ ...team, name: e.target.value })} />
      </label>
      <button type="submit" disabled={upsert.isPending}>
        Save team
      </button>
      {upsert.isError && (
        <p className="error form-message" role="alert">
          Not saved: {upsert.error.message}
        </p>
      )}
      {upsert.isSuccess && (
        <p className="success form-message" role="status">
          {upsert.data.created ? 'Created' : 'Renamed'} {upsert.data.name}.
        </p>
      )}
    </form>
  );
}
