import { useRef, useState } from 'react';
import { useLoad } from '../accounts/use-load.ts';
import { accountsApi, type Me } from '../api/accounts.ts';
import { useFocusAfterRender } from '../components/use-focus-after-render.ts';
import { apiKeysApi, type ApiKey, type CreatedApiKey } from './api-keys-api.ts';
import { ApiKeysTable } from './api-keys-table.tsx';
import { CreateApiKeyForm } from './create-api-key-form.tsx';
import { NewKeySecret } from './new-key-secret.tsx';
import { RevokeKeyDialog } from './revoke-key-dialog.tsx';
import '../connections/connections.css';
import './api-keys.css';

/** `/settings/api-keys`: the keys automations call Confer's API with; creating one shows its secret once. */
export function ApiKeysPage({ me }: { me: Me }) {
  const { value: loaded, error, reload } = useLoad(apiKeysApi.list, []);
  const { value: folders, error: foldersError } = useLoad(accountsApi.folders, []);
  // Keys created or revoked here, over what was loaded: the list changes without a refetch.
  const [changed, setChanged] = useState<ApiKey[]>([]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const [revoking, setRevoking] = useState<ApiKey | undefined>(undefined);
  const [revokedNotice, setRevokedNotice] = useState<string | undefined>(undefined);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const newKeyButtonRef = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const keys = loaded && [
    ...changed.filter((key) => !loaded.some((other) => other.id === key.id)),
    ...loaded.map((key) => changed.find((other) => other.id === key.id) ?? key),
  ];
  const seesAll = me.role === 'owner' || me.role === 'admin';

  const onCreated = (key: CreatedApiKey) => {
    const { secret: _secret, ...listed } = key;
    setChanged((current) => [listed, ...current]);
    setCreating(false);
    setRevokedNotice(undefined);
    setCreated(key);
  };

  const onRevoked = (key: ApiKey) => {
    setChanged((current) => [key, ...current.filter((other) => other.id !== key.id)]);
    setRevoking(undefined);
    setRevokedNotice(`“${key.name}” is revoked. Requests with it are refused from now on.`);
    // The Revoke button that had focus is gone; the notice says what happened.
    focusAfterRender(() => noticeRef.current);
  };

  const startCreating = () => {
    setCreated(undefined);
    setRevokedNotice(undefined);
    setCreating(true);
  };
  const stopCreating = () => {
    setCreating(false);
    focusAfterRender(() => newKeyButtonRef.current);
  };

  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
        {!creating && (
          <button ref={newKeyButtonRef} type="button" className="button button--primary" onClick={startCreating} disabled={!folders && !foldersError}>
            New API key
          </button>
        )}
      </div>
      <p className="api-keys__intro">
        Automations use an API key to call Confer’s API: to act through Zoom connections, or to work with booking pages and
        bookings. See the <a href="/api/docs">API reference</a>.
      </p>

      {foldersError && <p className="notice notice--error" role="alert">Your folders could not be loaded: {foldersError.message}</p>}
      {creating && <CreateApiKeyForm folders={folders ?? []} onCreated={onCreated} onCancel={stopCreating} />}
      {created && <NewKeySecret created={created} onDone={() => { setCreated(undefined); focusAfterRender(() => newKeyButtonRef.current); }} />}
      {revokedNotice && <p ref={noticeRef} className="notice" role="status" tabIndex={-1}>{revokedNotice}</p>}

      {error && (
        <div className="notice notice--error" role="alert">
          <p>Your API keys could not be loaded: {error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>Try again</button>
        </div>
      )}
      {!keys && !error && <p role="status">Loading…</p>}
      {keys && keys.length === 0 && !creating && <EmptyState />}
      {keys && keys.length > 0 && (
        <ApiKeysTable keys={keys} folders={folders ?? []} onRevoke={setRevoking}
          caption={seesAll ? 'Every API key in the workspace (you are a workspace admin)' : 'Your API keys, and those of the folders you administer'} />
      )}
      {revoking && <RevokeKeyDialog apiKey={revoking} onRevoked={onRevoked} onClose={() => setRevoking(undefined)} />}
    </>
  );
}

function EmptyState() {
  return (
    <section className="panel api-keys__empty" aria-labelledby="api-keys-empty-title">
      <h2 id="api-keys-empty-title">No API keys yet</h2>
      <p>An API key lets a script or another service use Confer without your password. For example, it can:</p>
      <ul>
        <li>act through your Zoom connections: create a Zoom meeting, list recordings;</li>
        <li>use the booking API: read booking pages, list, reschedule or cancel bookings.</li>
      </ul>
      <p>
        Each key reaches only what you choose, can be read-only, and can be revoked at any moment. The{' '}
        <a href="/api/docs">API reference</a> describes every request.
      </p>
    </section>
  );
}
