import type { ReactNode } from 'react';
import { PageShell } from './components/page-shell.tsx';
import { StatusFailure } from './components/status-failure.tsx';
import { HomeLayout } from './pages/home-layout.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SetupPage } from './pages/setup-page.tsx';
import type { ConferStatus } from './api/status.ts';
import { matchPath, usePath } from './router.tsx';
import { useStatus } from './use-status.ts';

/** The app's pages by path; the first whose pattern matches renders. */
const routes: { pattern: string; render: (status: ConferStatus, params: Record<string, string>) => ReactNode }[] = [
  { pattern: '/', render: (status) => <HomeLayout><SetupPage status={status} /></HomeLayout> },
  { pattern: '/setup', render: (status) => <HomeLayout><SetupPage status={status} /></HomeLayout> },
];

export function App() {
  const path = usePath();
  const { state, reload } = useStatus();
  const status = state.phase === 'loaded' ? state.status : undefined;
  return <PageShell status={status}>{content()}</PageShell>;

  function content(): ReactNode {
    if (state.phase === 'loading') {
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
    for (const route of routes) {
      const params = matchPath(route.pattern, path);
      if (params) return route.render(state.status, params);
    }
    return <NotFoundPage path={path} />;
  }
}
