import type { AuthorizationStart } from './connections-api.ts';

/** What the callback page tells the page that opened it (see src/api/connections/callback-page.ts). */
export type ConnectionResult =
  | { ok: true; connectionId: string; outcome: 'created' | 'reauthorized' }
  | { ok: false; error: { code: string; title: string; detail: string; steps?: string[] } }
  | { ok: false; closed: true };

const isResultMessage = (data: unknown): data is { type: 'confer:connection' } & ConnectionResult =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'confer:connection';

/**
 * Opens Zoom's sign-in in a new tab for an authorization Confer starts. The tab is opened
 * synchronously inside the click (browsers block windows opened after an await), shows a holding
 * text until Confer answers with Zoom's URL, and reports back through postMessage, accepted only
 * from Confer's own origin. A tab closed before finishing resolves as `closed`.
 */
export function connectInPopup(start: () => Promise<AuthorizationStart>): { result: Promise<ConnectionResult>; cancel(): void } {
  const popup = window.open('', 'confer-zoom-authorization');
  if (popup) {
    popup.document.title = 'Opening Zoom…';
    popup.document.body.textContent = 'Opening Zoom…';
  }
  let cancel = () => {};
  const result = new Promise<ConnectionResult>((resolve, reject) => {
    let settled = false;
    const finish = (value: ConnectionResult) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', onMessage);
      window.clearInterval(watch);
      resolve(value);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || !isResultMessage(event.data)) return;
      const { type: _type, ...message } = event.data;
      finish(message as ConnectionResult);
    };
    window.addEventListener('message', onMessage);
    const watch = window.setInterval(() => {
      // The popup closes itself right after posting its result; give that message time to arrive.
      if (popup?.closed) window.setTimeout(() => finish({ ok: false, closed: true }), 600);
    }, 500);
    cancel = () => {
      popup?.close();
      finish({ ok: false, closed: true });
    };
    start().then(
      ({ authorizeUrl }) => {
        // Blocked popups: continue in this tab; the callback page brings the person back.
        if (!popup || popup.closed) window.location.assign(authorizeUrl);
        else popup.location.href = authorizeUrl;
      },
      (error: unknown) => {
        popup?.close();
        settled = true;
        window.removeEventListener('message', onMessage);
        window.clearInterval(watch);
        reject(error);
      },
    );
  });
  return { result, cancel: () => cancel() };
}
