import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../lib/trpc.ts';

/** Email and password; in demo mode, the demo accounts are listed and fill the form with one click. */
export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const demo = useQuery(trpc.auth.demoAccounts.queryOptions());
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };
  const highlighted = demo.data?.accounts
    .filter((a) => a.role !== 'agent')
    .concat(demo.data.accounts.filter((a) => a.role === 'agent').slice(0, 4));

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Rapport</h1>
      <form onSubmit={submit} className="card">
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.isError && (
          <p className="error" role="alert">
            {login.error.message}
          </p>
        )}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {demo.data && highlighted && (
        <div className="card demo-accounts">
          <h2>Demo accounts</h2>
          <p>
            Every demo account uses the password <code>{demo.data.password}</code>.
          </p>
          <ul>
            {highlighted.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(demo.data?.password ?? '');
                  }}
                >
                  {a.label}
                </button>{' '}
                <span className="muted">{a.email}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
