import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import type { CreatedApiKey } from './api-keys-api.ts';

/**
 * The one time a key's secret is on screen, right after it was created: the secret with a copy
 * button, a request to try it with, and where the API is described. Confer keeps only a hash.
 */
export function NewKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  const curlRef = useRef<HTMLElement>(null);
  const curl = `curl -H "Authorization: Bearer ${created.secret}" ${window.location.origin}/api/v1/connections`;

  // Focus lands on the panel, so a screen reader starts with the warning and the secret.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="panel new-key" aria-labelledby="new-key-title">
      <h2 id="new-key-title" ref={headingRef} tabIndex={-1}>API key “{created.name}” created</h2>
      <p className="new-key__warning">
        <strong>Copy this key now. You won't see it again.</strong> Confer stores only a hash of it; if it is lost, revoke it and create another.
      </p>
      <div className="new-key__secret">
        <code ref={secretRef}>{created.secret}</code>
        <CopyButton value={created.secret} what="API key" selectTarget={secretRef} />
      </div>
      <div className="new-key__try">
        <h3>Try it</h3>
        <p>Send the key in the <code>Authorization</code> header. This lists the Zoom connections it reaches:</p>
        <div className="new-key__command">
          <pre><code ref={curlRef}>{curl}</code></pre>
          <CopyButton value={curl} what="curl command" selectTarget={curlRef} />
        </div>
        <p>
          Everything else a key can do is in the{' '}
          <a href="/api/docs" target="_blank" rel="noreferrer">API reference<span className="visually-hidden"> (opens in a new tab)</span></a>.
        </p>
      </div>
      <button type="button" className="button button--primary" onClick={onDone}>Done, I have copied it</button>
    </section>
  );
}
