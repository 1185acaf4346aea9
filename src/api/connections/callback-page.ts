import { randomBytes } from 'node:crypto';

/** What the popup tells the Confer page that opened it. */
export type ConnectionResultMessage =
  | { type: 'confer:connection'; ok: true; connectionId: string; outcome: 'created' | 'reauthorized' }
  | { type: 'confer:connection'; ok: false; error: { code: string; title: string; detail: string; steps?: readonly string[] } };

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, '');

/**
 * The page Zoom's redirect lands on. In the popup it hands the result to the opener (only to
 * Confer's own origin) and closes itself on success; on an error it stays open and says what to do.
 * Opened without a popup, it goes back to the page the connection belongs to.
 */
export function renderCallbackPage(input: { message: ConnectionResultMessage; origin: string; returnPath: string; heading: string; lines: string[] }): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const steps = !input.message.ok && input.message.error.steps
    ? `<ol>${input.message.error.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.heading)} · Confer</title>
<style nonce="${nonce}">
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f5f7fb;color:#111827;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border:1px solid #e5e7eb;border-radius:16px;padding:32px;max-width:520px;box-shadow:0 8px 24px rgba(17,24,39,.06)}
h1{font-size:22px;margin:0 0 12px}p,li{line-height:1.5;color:#374151}a{color:#1d4ed8}
.ok h1{color:#166534}.error h1{color:#991b1b}
</style></head>
<body><main class="${input.message.ok ? 'ok' : 'error'}" role="${input.message.ok ? 'status' : 'alert'}">
<h1>${escapeHtml(input.heading)}</h1>
${input.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${steps}
<p><a href="${escapeHtml(input.returnPath)}">Back to Confer</a></p>
</main>
<script nonce="${nonce}">
(function () {
  var message = ${scriptJson(input.message)};
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(message, ${scriptJson(input.origin)});
    if (message.ok) window.close();
  } else if (message.ok) {
    window.location.replace(${scriptJson(input.returnPath)});
  }
})();
</script>
</body></html>`;
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, csp };
}
