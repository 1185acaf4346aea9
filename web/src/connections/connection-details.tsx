import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { TextField } from '../components/text-field.tsx';
import { ConnectionFailureNotice } from './connection-result-notice.tsx';
import { ConnectionStatusBadge } from './connection-status.tsx';
import { connectionsApi, type Connection, type ConnectionEvent } from './connections-api.ts';
import { useConnectFlow } from './use-connect-flow.ts';

const eventLabels: Record<string, string> = {
  created: 'Created', authorized: 'Authorized', reauthorized: 'Re-authorized', refresh_failed: 'Refresh failed',
  needs_reauthorization: 'Needs re-authorization', revoked: 'Revoked in Zoom', deleted: 'Deleted', tested: 'Tested',
  renamed: 'Renamed', shared: 'Sharing changed',
};
const authTypeLabels = { oauth_authorization_code: 'OAuth 2.0 Authorization code', byo_oauth_app: 'Bring your own OAuth 2.0 app' } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

/** One connection: its state, account, scopes and history, with Test, rename, share, Re-authorize and Delete. */
export function ConnectionDetails({ connection, approvalSteps, onChanged, onDeleted }: {
  connection: Connection; approvalSteps: string[]; onChanged: () => void; onDeleted: () => void;
}) {
  const [events, setEvents] = useState<ConnectionEvent[] | undefined>(undefined);
  const [name, setName] = useState(connection.name);
  const [renaming, setRenaming] = useState(false);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const flow = useConnectFlow(onChanged);

  useEffect(() => {
    if (!connection.canManage) return;
    connectionsApi.events(connection.id).then(setEvents, () => setEvents([]));
  }, [connection.id, connection.canManage, connection.updatedAt, connection.lastUsedAt, message]);

  const act = async (what: string, action: () => Promise<string | undefined>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      const text = await action();
      if (text) setMessage({ kind: 'ok', text });
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? failure.message : 'Confer could not reach its server. Try again.' });
    } finally {
      setBusy(undefined);
      onChanged();
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMessage({ kind: 'error', text: 'A connection needs a name.' });
    void act('rename', async () => {
      await connectionsApi.update(connection.id, { name: name.trim() });
      setRenaming(false);
      return 'Renamed.';
    });
  };

  return (
    <article className="connection-details" aria-labelledby={`connection-${connection.id}`}>
      <header className="connection-details__head">
        <h4 id={`connection-${connection.id}`}>{connection.name}</h4>
        <ConnectionStatusBadge status={connection.status} />
      </header>
      <dl className="connection-details__facts">
        <dt>Zoom account</dt><dd>{connection.zoomUser?.email ? `${connection.zoomUser.name ?? ''} ${connection.zoomUser.email}`.trim() : '—'}</dd>
        <dt>Auth type</dt><dd>{authTypeLabels[connection.authType]}{connection.clientId ? ` (client ID ${connection.clientId})` : ''}</dd>
        {connection.authType === 'byo_oauth_app' && (
          <><dt>Webhook secret token</dt><dd>{connection.webhookSecretSet ? 'Set' : 'Not set: Confer refuses this app’s Zoom events, so an uninstall at Zoom goes unnoticed'}</dd></>
        )}
        <dt>Granted scopes</dt><dd>{connection.scopes.length ? connection.scopes.join(', ') : '—'}</dd>
        {connection.missingScopes.length > 0 && (<><dt>Missing</dt><dd>{connection.missingScopes.map((m) => `${m.label} (${m.anyOf[0]})`).join(', ')}</dd></>)}
        <dt>Shared with the folder</dt><dd>{connection.shared ? 'Yes' : 'No'}</dd>
        <dt>Last used</dt><dd>{when(connection.lastUsedAt)}</dd>
        <dt>Last error</dt><dd>{connection.lastError ?? 'None'}</dd>
      </dl>

      {message && <p className={message.kind === 'ok' ? 'notice' : 'notice notice--error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
      {flow.state.phase === 'waiting' && <p className="notice" role="status">Waiting for Zoom… Sign in and press Authorize in the Zoom tab.</p>}
      {flow.state.phase === 'failed' && <ConnectionFailureNotice result={flow.state.result} approvalSteps={approvalSteps} onDismiss={flow.reset} />}

      {renaming ? (
        <form className="connection-details__rename" onSubmit={rename}>
          <TextField id={`rename-${connection.id}`} label="Connection name" value={name} onValueChange={setName} maxLength={120} />
          <button type="submit" className="button button--primary" disabled={busy !== undefined}>Save</button>
          <button type="button" className="button button--secondary" onClick={() => { setRenaming(false); setName(connection.name); }}>Cancel</button>
        </form>
      ) : (
        <div className="connection-details__actions">
          {connection.canUse && connection.status === 'active' && (
            <button type="button" className="button button--secondary" disabled={busy !== undefined}
              onClick={() => act('test', async () => `Test passed: Zoom answered as ${(await connectionsApi.test(connection.id)).zoomUser.email}.`)}>
              {busy === 'test' ? 'Testing…' : 'Test'}
            </button>
          )}
          {connection.canManage && (
            <>
              <button type="button" className="button button--secondary" onClick={() => setRenaming(true)}>Rename</button>
              <button type="button" className="button button--secondary" disabled={busy !== undefined}
                onClick={() => act('share', async () => {
                  await connectionsApi.update(connection.id, { shared: !connection.shared });
                  return connection.shared ? 'No longer shared with the folder.' : 'Shared with the folder.';
                })}>
                {connection.shared ? 'Stop sharing' : 'Share with folder'}
              </button>
              <button type="button" className={connection.status === 'active' ? 'button button--secondary' : 'button button--primary'}
                disabled={flow.state.phase === 'waiting'} onClick={() => flow.run(() => connectionsApi.reauthorize(connection.id))}>
                Re-authorize
              </button>
              <button type="button" className="button button--danger" disabled={busy !== undefined}
                onClick={() => {
                  if (!window.confirm(`Delete “${connection.name}”? Confer revokes its Zoom access unless another connection uses the same Zoom account.`)) return;
                  void act('delete', async () => {
                    await connectionsApi.remove(connection.id);
                    onDeleted();
                    return undefined;
                  });
                }}>
                Delete
              </button>
            </>
          )}
        </div>
      )}

      {connection.canManage && events && events.length > 0 && (
        <details className="connection-details__events">
          <summary>History ({events.length})</summary>
          <ol>
            {events.map((event) => (
              <li key={event.id}>
                <span className="connection-details__event-kind">{eventLabels[event.kind] ?? event.kind}</span>
                {event.kind === 'tested' && ` — ${event.detail.ok ? 'passed' : `failed (${String(event.detail.code)})`}`}
                {' · '}{new Date(event.createdAt).toLocaleString()}{event.actor?.name ? ` · ${event.actor.name}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
