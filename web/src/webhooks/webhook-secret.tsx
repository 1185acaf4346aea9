import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import type { WebhookSubscriptionWithSecret } from './webhooks-api.ts';

/** How a receiver checks a delivery, in a few lines of Node, to copy beside the secret. */
const verifySnippet = `import { createHmac, timingSafeEqual } from 'node:crypto';
// headers: the request's headers; body: its raw text, before any JSON parsing
const timestamp = headers['confer-webhook-timestamp'];
const expected = 'v1=' + createHmac('sha256', process.env.CONFER_WEBHOOK_SECRET)
  .update(\`\${timestamp}.\${body}\`).digest('hex');
const given = headers['confer-webhook-signature'];
const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  && Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;`;

/**
 * The one time a subscription's signing secret is on screen, after creating it or rotating it:
 * the secret with a copy button and how a receiver verifies a delivery with it.
 */
export function WebhookSecret({ shown, rotated, onDone }: { shown: WebhookSubscriptionWithSecret; rotated: boolean; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  const snippetRef = useRef<HTMLElement>(null);

  // Focus lands on the panel, so a screen reader starts with the warning and the secret.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="panel webhook-secret" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title" ref={headingRef} tabIndex={-1}>{rotated ? 'New signing secret' : 'Webhook created'}</h2>
      <p className="webhook-secret__for">For <code>{shown.url}</code></p>
      <p className="webhook-secret__warning">
        <strong>Copy this signing secret now. You won't see it again.</strong> Your endpoint needs it to check that requests come from Confer.
        {rotated ? ' The old secret stopped working: deliveries from now on are signed with this one.' : ''}
      </p>
      <div className="webhook-secret__value">
        <code ref={secretRef} data-testid="webhook-secret">{shown.secret}</code>
        <CopyButton value={shown.secret} what="signing secret" selectTarget={secretRef} />
      </div>
      <div className="webhook-secret__verify">
        <h3>Verify each request</h3>
        <p>
          Every request carries <code>Confer-Webhook-Id</code>, <code>Confer-Webhook-Timestamp</code> and <code>Confer-Webhook-Signature</code>.
          Refuse it unless the signature matches and the timestamp is within five minutes:
        </p>
        <div className="webhook-secret__snippet">
          <pre><code ref={snippetRef}>{verifySnippet}</code></pre>
          <CopyButton value={verifySnippet} what="verification code" selectTarget={snippetRef} />
        </div>
      </div>
      <button type="button" className="button button--primary" onClick={onDone}>Done, I have copied it</button>
    </section>
  );
}
