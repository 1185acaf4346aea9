import { useEffect, useState } from 'react';
import { ConnectionDetails } from './connection-details.tsx';
import { ConnectionStatusBadge } from './connection-status.tsx';
import { connectionsApi } from './connections-api.ts';
import { AddConnection } from './add-connection.tsx';
import { CredentialAssetsPanel } from './credential-assets-panel.tsx';
import { useConnectFlow } from './use-connect-flow.ts';
import { useConnections } from './use-connections.ts';
import './connections.css';

/** A folder's Connections tab: the list, Add connection, each connection's page, credential assets. */
export function FolderConnections({ folderId, canManage }: { folderId: string; canManage: boolean }) {
  const { connections, error, reload } = useConnections({ folderId });
  const [adding, setAdding] = useState(false);
  const [selected, setSelected] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('connection') ?? undefined);
  const [approvalSteps, setApprovalSteps] = useState<string[]>([]);
  const addFlow = useConnectFlow(() => void reload());

  useEffect(() => {
    connectionsApi.connectors().then((all) => setApprovalSteps(all.find((c) => c.id === 'zoom')?.adminApprovalSteps ?? []), () => undefined);
  }, []);
  useEffect(() => {
    if (addFlow.state.phase === 'done') {
      setAdding(false);
      setSelected(addFlow.state.result.connectionId);
    }
  }, [addFlow.state]);

  const current = connections?.find((c) => c.id === selected);
  return (
    <div className="folder-connections">
      <div className="folder-connections__head">
        <h2>Connections</h2>
        {canManage && !adding && <button type="button" className="button button--primary" onClick={() => { addFlow.reset(); setAdding(true); }}>Add connection</button>}
      </div>
      {addFlow.state.phase === 'done' && <p className="notice connected-popup" role="status">Connected to Zoom.</p>}
      {adding && <AddConnection folderId={folderId} flow={addFlow} onClose={() => { addFlow.cancel(); setAdding(false); }} />}
      {error && !connections && <p className="notice notice--error" role="alert">Connections could not be loaded: {error.message}</p>}
      {connections && connections.length === 0 && !adding && <p>No connections yet.</p>}
      {connections && connections.length > 0 && (
        <table className="connections-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Zoom account</th><th scope="col">Status</th><th scope="col">Last used</th></tr>
          </thead>
          <tbody>
            {connections.map((connection) => (
              <tr key={connection.id} aria-selected={connection.id === selected}>
                <td><button type="button" className="link-button" onClick={() => setSelected(connection.id)}>{connection.name}</button></td>
                <td>{connection.zoomUser?.email ?? '—'}</td>
                <td><ConnectionStatusBadge status={connection.status} /></td>
                <td>{connection.lastUsedAt ? new Date(connection.lastUsedAt).toLocaleString() : 'Never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && (
        <ConnectionDetails key={current.id} connection={current} approvalSteps={approvalSteps} onChanged={() => void reload()}
          onDeleted={() => { setSelected(undefined); void reload(); }} />
      )}
      <CredentialAssetsPanel folderId={folderId} canManage={canManage} />
    </div>
  );
}
