import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { ConnectionFailureNotice } from './connection-result-notice.tsx';
import { ConnectionStatusBadge } from './connection-status.tsx';
import { connectionsApi, type Connector } from './connections-api.ts';
import { useConnectFlow } from './use-connect-flow.ts';
import { useConnections } from './use-connections.ts';
import './connections.css';

/**
 * The **Zoom** box of Profile settings → Video conferencing: Connect (Confer's own Zoom app), then
 * Connected to Zoom with the Zoom account's name and email, Test, Re-authorize and Disconnect.
 */
export function PersonalZoomBox() {
  const { connections, error, reload } = useConnections('personal');
  const [connector, setConnector] = useState<Connector | undefined>(undefined);
  const flow = useConnectFlow(() => void reload());
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);

  useEffect(() => {
    connectionsApi.connectors().then((all) => setConnector(all.find((c) => c.id === 'zoom')), () => undefined);
  }, []);

  const connection = connections?.find((c) => c.connector === 'zoom');
  const approvalSteps = connector?.adminApprovalSteps ?? [];

  const act = async (what: string, action: () => Promise<string>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      setMessage({ kind: 'ok', text: await action() });
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof ApiError ? failure.message : 'Confer could not reach its server. Try again.' });
    } finally {
      setBusy(undefined);
      await reload();
    }
  };

  const connect = () =>
    flow.run(() => connectionsApi.start({ connector: 'zoom', target: 'personal', authType: 'oauth_authorization_code' }));

  return (
    <section className="zoom-box" aria-labelledby="zoom-box-title">
      <div className="zoom-box__head">
        <span className="zoom-box__logo" aria-hidden="true">Z</span>
        <div>
          <h3 id="zoom-box-title" className="zoom-box__title">Zoom</h3>
          <p className="zoom-box__description">Confer creates a Zoom meeting for every booking.</p>
        </div>
        {connection && <ConnectionStatusBadge status={connection.status} />}
      </div>

      {error && !connections && <p className="notice notice--error" role="alert">Your connections could not be loaded: {error.message}</p>}

      {flow.state.phase === 'done' && (
        <p className="notice connected-popup" role="status">
          Connected to Zoom{connection?.zoomUser?.email ? ` as ${connection.zoomUser.email}` : ''}.
        </p>
      )}

      {connection?.status === 'active' && (
        <div className="zoom-box__connected">
          <p className="zoom-box__state">Connected to Zoom</p>
          <p className="zoom-box__account">
            {connection.zoomUser?.name} <span className="zoom-box__email">{connection.zoomUser?.email}</span>
          </p>
          {connection.missingScopes.length > 0 && (
            <p className="notice notice--error">
              Zoom did not grant: {connection.missingScopes.map((m) => `${m.label} (${m.anyOf[0]})`).join(', ')}. Re-authorize after adding the scope to the app.
            </p>
          )}
        </div>
      )}

      {connection?.status === 'needs_reauthorization' && (
        <p className="notice notice--error" role="alert">
          Zoom no longer accepts this connection{connection.lastError ? `: ${connection.lastError}` : ''}. Re-authorize to keep bookings getting Zoom meetings.
        </p>
      )}
      {connection?.status === 'revoked' && (
        <p className="notice notice--error" role="alert">
          Confer was removed from your Zoom account{connection.lastError ? ` (${connection.lastError})` : ''}. Connect again to use Zoom.
        </p>
      )}

      {flow.state.phase === 'waiting' && (
        <div className="notice zoom-box__waiting" role="status">
          <p>Waiting for Zoom… Sign in and press Authorize in the Zoom tab.</p>
          <p className="zoom-box__hint">If Zoom says the app requires pre-approval, press Request pre-approval there; your Zoom admin then approves Confer, and you connect again.</p>
          <button type="button" className="button button--secondary" onClick={flow.cancel}>Cancel</button>
        </div>
      )}
      {flow.state.phase === 'failed' && <ConnectionFailureNotice result={flow.state.result} approvalSteps={approvalSteps} onDismiss={flow.reset} />}
      {message && <p className={message.kind === 'ok' ? 'notice' : 'notice notice--error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}

      <div className="zoom-box__actions">
        {(!connection || connection.status === 'revoked') && (
          <button type="button" className="button button--primary" onClick={connect} disabled={flow.state.phase === 'waiting'}>
            Connect
          </button>
        )}
        {connection && connection.status !== 'revoked' && (
          <>
            {connection.status === 'active' && (
              <button type="button" className="button button--secondary" disabled={busy !== undefined}
                onClick={() => act('test', async () => `Zoom answered as ${(await connectionsApi.test(connection.id)).zoomUser.email}.`)}>
                {busy === 'test' ? 'Testing…' : 'Test'}
              </button>
            )}
            <button type="button" className={connection.status === 'active' ? 'button button--secondary' : 'button button--primary'}
              disabled={flow.state.phase === 'waiting'} onClick={() => flow.run(() => connectionsApi.reauthorize(connection.id))}>
              Re-authorize
            </button>
            <button type="button" className="button button--secondary" disabled={busy !== undefined}
              onClick={() => {
                if (!window.confirm('Disconnect Zoom? Confer revokes its access at Zoom, and new bookings get no Zoom meeting until you connect again.')) return;
                void act('disconnect', async () => {
                  const outcome = await connectionsApi.remove(connection.id);
                  return outcome.revokedAtZoom || outcome.stillUsedByOthers
                    ? 'Disconnected from Zoom.'
                    : 'Disconnected. Zoom could not be told; remove Confer under Installed Apps in Zoom to be sure.';
                });
              }}>
              {busy === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
