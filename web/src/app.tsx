import { useEffect, type ReactNode } from 'react';
import type { Me } from './api/accounts.ts';
import type { ConferStatus } from './api/status.ts';
import { FolderPage } from './accounts/folder-page.tsx';
import { FoldersPage } from './accounts/folders-page.tsx';
import { HomePage } from './accounts/home-page.tsx';
import { ProfileSettingsPage } from './accounts/profile-settings-page.tsx';
import { SignInPage } from './accounts/sign-in-page.tsx';
import { UsersPage } from './accounts/users-page.tsx';
import { ApiKeysPage } from './api-keys/api-keys-page.tsx';
import { ManageBookingPage } from './booking/manage-booking-page.tsx';
import { PublicBookingPage } from './booking/public-booking-page.tsx';
import { PublicLayout } from './booking/public-layout.tsx';
import { PageShell } from './components/page-shell.tsx';
import { StatusFailure } from './components/status-failure.tsx';
import { HomeLayout } from './pages/home-layout.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import { MailboxPage } from './notifications/mailbox-page.tsx';
import { matchPath, navigate, usePath } from './router.tsx';
import { BookingDetailPage } from './scheduling/booking-detail-page.tsx';
import { BookingPageEditor } from './scheduling/booking-page-editor.tsx';
import { BookingPagesPage } from './scheduling/booking-pages-page.tsx';
import { BookingsPage } from './scheduling/bookings-page.tsx';
import { useMe } from './session/use-me.ts';
import { AppShell } from './shell/app-shell.tsx';
import { useStatus } from './use-status.ts';
import { WebhooksPage } from './webhooks/webhooks-page.tsx';

/** Pages for signed-in users, by path; the first whose pattern matches renders inside the app shell. */
const signedInRoutes: { pattern: string; render: (me: Me, params: Record<string, string>) => ReactNode }[] = [
  { pattern: '/', render: (me) => <HomePage me={me} /> },
  { pattern: '/settings/profile', render: (me) => <ProfileSettingsPage me={me} section="profile" /> },
  { pattern: '/settings/video-conferencing', render: (me) => <ProfileSettingsPage me={me} section="video-conferencing" /> },
  { pattern: '/settings/api-keys', render: (me) => <ApiKeysPage me={me} /> },
  { pattern: '/settings/webhooks', render: () => <WebhooksPage /> },
  { pattern: '/folders', render: (me) => <FoldersPage me={me} /> },
  { pattern: '/folders/:folderId', render: (_me, params) => <FolderPage folderId={params.folderId!} /> },
  { pattern: '/users', render: (me) => <UsersPage me={me} /> },
  { pattern: '/booking-pages', render: () => <BookingPagesPage /> },
  { pattern: '/booking-pages/new', render: () => <BookingPageEditor pageId={undefined} /> },
  { pattern: '/booking-pages/:id', render: (_me, params) => <BookingPageEditor pageId={params.id!} /> },
  { pattern: '/bookings', render: () => <BookingsPage /> },
  { pattern: '/bookings/:id', render: (_me, params) => <BookingDetailPage bookingId={params.id!} /> },
  { pattern: '/mailbox', render: () => <MailboxPage /> },
];

/** Pages customers open from a link, with no account: no sign-in, no app shell. */
const publicRoutes: { pattern: string; render: (params: Record<string, string>) => ReactNode }[] = [
  { pattern: '/book/:slug', render: (params) => <PublicBookingPage slug={params.slug!} /> },
  { pattern: '/manage/:token', render: (params) => <ManageBookingPage token={params.token!} /> },
];

export function App() {
  const path = usePath();
  const { state, reload } = useStatus();
  const me = useMe();
  const status = state.phase === 'loaded' ? state.status : undefined;
  return <PageShell status={status}>{content()}</PageShell>;

  function content(): ReactNode {
    // Customers' pages need neither the workspace's setup nor a session, so they render at once.
    const publicPage = publicRoutes.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params);
    if (publicPage) return <PublicLayout>{publicPage.r.render(publicPage.params!)}</PublicLayout>;
    if (state.phase === 'loading' || (state.phase === 'loaded' && !state.status.setupRequired && me.phase === 'loading')) {
      return (
        <HomeLayout>
          <div className="card card--loading" role="status">
            Loading…
          </div>
        </HomeLayout>
      );
    }
    if (state.phase === 'failed') {
      return (
        <HomeLayout>
          <StatusFailure error={state.error} retrying={state.retrying} onRetry={reload} />
        </HomeLayout>
      );
    }
    return route(state.status);
  }

  function route(current: ConferStatus): ReactNode {
    if (current.setupRequired || path === '/setup') return <HomeLayout><SetupPage status={current} /></HomeLayout>;
    if (path === '/sign-in') {
      if (me.phase === 'signed-in') return <Redirect to="/" />;
      return <HomeLayout><SignInPage /></HomeLayout>;
    }
    const page = signedInRoutes.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params);
    if (!page) return <NotFoundPage path={path} />;
    if (me.phase === 'failed') return <HomeLayout><StatusFailure error={me.error} retrying={false} onRetry={() => window.location.reload()} /></HomeLayout>;
    if (me.phase !== 'signed-in') return <Redirect to={`/sign-in?next=${encodeURIComponent(path + window.location.search)}`} />;
    return <AppShell me={me.me}>{page.r.render(me.me, page.params!)}</AppShell>;
  }
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
