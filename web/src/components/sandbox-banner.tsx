import { useRef } from 'react';
import type { SandboxZoom } from '../api/status.ts';
import { CopyButton } from './copy-button.tsx';

/** Shown on every page while Confer runs against the bundled Zoom emulator instead of zoom.us. */
export function SandboxBanner({ zoom }: { zoom: SandboxZoom | undefined }) {
  return (
    <section className="sandbox-banner" aria-labelledby="sandbox-banner-title">
      <div className="sandbox-banner__inner">
        <strong id="sandbox-banner-title" className="sandbox-banner__badge">
          Sandbox
        </strong>
        <p className="sandbox-banner__text">
          Zoom is simulated by the bundled Zoom emulator.
          {zoom && (
            <>
              {' '}
              Sign in to the sandbox Zoom with{' '}
              {/* Email and password wrap to a new line together, never one without the other. */}
              <span className="sandbox-banner__credentials">
                <Credential value={zoom.email} what="email" /> and <Credential value={zoom.password} what="password" />
              </span>
            </>
          )}
        </p>
      </div>
    </section>
  );
}

function Credential({ value, what }: { value: string; what: string }) {
  const codeRef = useRef<HTMLElement>(null);
  return (
    <span className="credential">
      <code ref={codeRef} className="credential__value">
        {value}
      </code>
      <CopyButton value={value} what={what} spokenAs={`Sandbox Zoom ${what}`} selectTarget={codeRef} />
    </span>
  );
}
