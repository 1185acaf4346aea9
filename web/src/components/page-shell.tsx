import type { ReactNode } from 'react';
import type { ConferStatus } from '../api/status.ts';
import { SandboxBanner } from './sandbox-banner.tsx';

/** Every page's frame: the sandbox banner (when Confer runs on the emulator), the page, the version. */
export function PageShell({ status, children }: { status: ConferStatus | undefined; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {status?.sandbox && <SandboxBanner zoom={status.sandboxZoom} />}
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">{status ? `Confer ${status.version}` : 'Confer'}</footer>
    </>
  );
}
