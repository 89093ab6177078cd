import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../lib/format.ts';
import { Link } from '../lib/router.ts';
import { useTRPC } from '../lib/trpc.ts';

/** How many of the newest the menu shows; the notifications page has the rest. */
const MENU_ITEMS = 8;
/** The badge looks again this often, so that what arrives while a page stays open shows up. */
const BADGE_REFRESH_MS = 30_000;

/**
 * The header's badge (what awaits the signed-in person, unread) and, behind it, their newest
 * notifications. A disclosure: the button says how many and whether it is open; Escape closes it and
 * gives focus back to the button; opening moves focus to the list.
 */
export function NotificationsMenu() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const count = useQuery({
    ...trpc.notifications.unreadCount.queryOptions(),
    refetchInterval: BADGE_REFRESH_MS,
  });
  const list = useQuery({ ...trpc.notifications.list.queryOptions({ limit: MENU_ITEMS }), enabled: open });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const closeOutside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const unread = count.data?.unread ?? 0;
  return (
    <span className="notifications-menu">
      <button
        ref={buttonRef}
        type="button"
        className="secondary notifications-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Notifications
        <span className={unread > 0 ? 'count' : 'count none'} data-testid="notification-count">
          {unread}
        </span>
        <span className="visually-hidden">unread</span>
      </button>
      {open && (
        <section
          id={panelId}
          ref={panelRef}
          className="notifications-panel"
          aria-label="Notifications"
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          <div className="notifications-panel-tools">
            <strong>{unread === 1 ? '1 unread' : `${unread} unread`}</strong>
            <button
              type="button"
              className="link"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          </div>
          {list.isPending && <p className="muted">Loading…</p>}
          {list.isError && <p className="error">Could not load notifications: {list.error.message}</p>}
          {list.data?.length === 0 && <p className="muted">Nothing yet.</p>}
          {list.data && list.data.length > 0 && (
            <ul className="notification-items">
              {list.data.map((n) => (
                <li key={n.id} className={n.readAt ? 'notification read' : 'notification unread'}>
                  <Link
                    to={n.link ?? '/notifications'}
                    onClick={() => {
                      if (!n.readAt) markRead.mutate({ ids: [n.id] });
                      setOpen(false);
                    }}
                  >
                    {!n.readAt && <span className="visually-hidden">Unread: </span>}
                    {n.title}
                  </Link>
                  <span className="muted notification-when">{formatDateTime(n.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
          <Link to="/notifications" onClick={() => setOpen(false)}>
            All notifications and settings
          </Link>
        </section>
      )}
    </span>
  );
}
