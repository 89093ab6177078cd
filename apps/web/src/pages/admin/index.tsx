import type { PageProps } from '../../app/page-props.ts';
import { Link } from '../../lib/router.ts';
import { DataLifecycleSection } from './data-lifecycle.tsx';
import { LexiconsSection } from './lexicons.tsx';
import { SettingsSection } from './settings.tsx';
import { UploadSection } from './upload.tsx';
import { UsersSection } from './users.tsx';
import { WebhookSection } from './webhook.tsx';

const SECTIONS = [
  { id: 'users', title: 'Users and teams', render: (me: PageProps['me']) => <UsersSection me={me} /> },
  { id: 'targets', title: 'Targets and weights', render: () => <SettingsSection /> },
  { id: 'lexicons', title: 'Lexicons and scripts', render: () => <LexiconsSection /> },
  { id: 'upload', title: 'Upload logs', render: () => <UploadSection /> },
  { id: 'webhook', title: 'Webhook', render: () => <WebhookSection /> },
  { id: 'data', title: 'Retention and erasure', render: () => <DataLifecycleSection /> },
] as const;

/**
 * `/admin/:section`: users and teams, coaching targets and weights, lexicons and scripts, log uploads,
 * the notification webhook, transcript retention and customer erasure.
 */
export function AdminPage({ me, params }: PageProps) {
  const current = SECTIONS.find((s) => s.id === (params.section ?? 'users'));
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Admin{current ? `: ${current.title.toLowerCase()}` : ''}</h1>
      <nav className="tabs" aria-label="Admin sections">
        <ul className="tab-list">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link className="tab" to={`/admin/${s.id}`} aria-current={s === current ? 'page' : undefined}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current ? (
        current.render(me)
      ) : (
        <p role="alert" className="card">
          There is no admin section “{params.section}”.
        </p>
      )}
    </section>
  );
}
