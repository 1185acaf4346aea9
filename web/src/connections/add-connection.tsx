import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/text-field.tsx';
import { ConnectionFailureNotice } from './connection-result-notice.tsx';
import { connectionsApi, type AuthTypeId, type Connector, type CredentialAsset } from './connections-api.ts';
import type { useConnectFlow } from './use-connect-flow.ts';

/**
 * Add connection: pick a connector (a search box filters them), choose the auth type, see the
 * callback URL to register, fill the app's credentials (a secret field can use a credential asset
 * instead of the value), and Connect.
 */
export function AddConnection({ folderId, flow, onClose }: { folderId: string; flow: ReturnType<typeof useConnectFlow>; onClose: () => void }) {
  const [connectors, setConnectors] = useState<Connector[] | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Connector | undefined>(undefined);

  useEffect(() => {
    connectionsApi.connectors().then(setConnectors, () => setConnectors([]));
  }, []);

  const shown = useMemo(
    () => (connectors ?? []).filter((c) => `${c.name} ${c.description}`.toLowerCase().includes(search.trim().toLowerCase())),
    [connectors, search],
  );

  if (chosen) return <ConnectionForm folderId={folderId} connector={chosen} flow={flow} onBack={() => setChosen(undefined)} onClose={onClose} />;
  return (
    <section className="add-connection" aria-labelledby="add-connection-title">
      <div className="add-connection__head">
        <h3 id="add-connection-title">Add connection</h3>
        <button type="button" className="button button--secondary" onClick={onClose}>Close</button>
      </div>
      <TextField id="connector-search" label="Search connectors" type="search" value={search} onValueChange={setSearch} placeholder="Zoom" />
      {connectors === undefined && <p role="status">Loading connectors…</p>}
      {connectors && shown.length === 0 && <p>No connector matches “{search}”.</p>}
      <ul className="connector-list">
        {shown.map((connector) => (
          <li key={connector.id}>
            <button type="button" className="connector-list__item" onClick={() => setChosen(connector)}>
              <span className="zoom-box__logo" aria-hidden="true">{connector.name.slice(0, 1)}</span>
              <span>
                <span className="connector-list__name">{connector.name}</span>
                <span className="connector-list__description">{connector.description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConnectionForm({ folderId, connector, flow, onBack, onClose }: {
  folderId: string; connector: Connector; flow: ReturnType<typeof useConnectFlow>; onBack: () => void; onClose: () => void;
}) {
  const [authType, setAuthType] = useState<AuthTypeId>('oauth_authorization_code');
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [useAsset, setUseAsset] = useState(false);
  const [assets, setAssets] = useState<CredentialAsset[] | undefined>(undefined);
  const [assetId, setAssetId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const callbackRef = useRef<HTMLElement>(null);
  const declaration = connector.authTypes.find((t) => t.id === authType) ?? connector.authTypes[0]!;
  const byo = declaration.fields.length > 0;

  useEffect(() => {
    if (useAsset && assets === undefined) connectionsApi.credentialAssets(folderId).then(setAssets, () => setAssets([]));
  }, [useAsset, assets, folderId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (byo && !clientId.trim()) problems.clientId = 'Enter the Client ID of your Zoom OAuth app.';
    if (byo && !useAsset && !clientSecret.trim()) problems.clientSecret = 'Enter the Client secret, or use a credential asset.';
    if (byo && useAsset && !assetId) problems.clientSecret = 'Choose the credential asset that holds the Client secret.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    flow.run(() => connectionsApi.start({
      connector: connector.id,
      target: { folderId },
      authType,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(byo ? { clientId: clientId.trim(), ...(useAsset ? { clientSecretAsset: assetId } : { clientSecret: clientSecret.trim() }) } : {}),
    }));
  };

  return (
    <form className="add-connection" onSubmit={submit} noValidate aria-labelledby="connection-form-title">
      <div className="add-connection__head">
        <h3 id="connection-form-title">Add connection: {connector.name}</h3>
        <button type="button" className="button button--secondary" onClick={onBack}>Back</button>
      </div>
      <fieldset className="auth-types">
        <legend className="field__label">Authentication type</legend>
        {connector.authTypes.map((type) => (
          <label key={type.id} className="auth-types__option">
            <input type="radio" name="authType" value={type.id} checked={authType === type.id} onChange={() => setAuthType(type.id)} />
            <span>
              <span className="auth-types__label">{type.label}</span>
              <span className="auth-types__description">{type.description}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="callback-url">
        <p className="field__label">Callback URL</p>
        <p className="field__hint">{byo ? connector.registerAppHint : 'Confer’s own Zoom app already has it registered.'}</p>
        <div className="credential">
          <code className="credential__value" ref={callbackRef}>{connector.callbackUrl}</code>
          <CopyButton value={connector.callbackUrl} what="callback URL" selectTarget={callbackRef} />
        </div>
      </div>

      <TextField id="connection-name" label="Connection name" hint="Optional; defaults to the Zoom account’s email." value={name} onValueChange={setName} maxLength={120} />
      {byo && (
        <>
          <TextField id="client-id" label="Client ID" value={clientId} onValueChange={setClientId} error={errors.clientId} autoComplete="off" />
          {useAsset ? (
            <div className={errors.clientSecret ? 'field field--invalid' : 'field'}>
              <label className="field__label" htmlFor="client-secret-asset">Client secret (credential asset)</label>
              <select id="client-secret-asset" className="field__input" value={assetId} onChange={(e) => setAssetId(e.target.value)} aria-invalid={errors.clientSecret ? true : undefined}>
                <option value="">Choose a credential asset…</option>
                {(assets ?? []).map((asset) => (
                  <option key={asset.id} value={asset.id}>{asset.name} ({asset.reference})</option>
                ))}
              </select>
              {assets && assets.length === 0 && <p className="field__hint">This folder has no credential assets yet: add one under Credential assets below.</p>}
              {errors.clientSecret && <p className="field__error">{errors.clientSecret}</p>}
              <button type="button" className="link-button" onClick={() => setUseAsset(false)}>Enter the value instead</button>
            </div>
          ) : (
            <div>
              <TextField id="client-secret" label="Client secret" type="password" value={clientSecret} onValueChange={setClientSecret} error={errors.clientSecret} autoComplete="off" />
              <details className="secret-menu">
                <summary aria-label="More options for Client secret">⋯</summary>
                <button type="button" className="link-button" onClick={() => { setUseAsset(true); setClientSecret(''); }}>Use credential asset</button>
              </details>
            </div>
          )}
        </>
      )}

      {flow.state.phase === 'waiting' && (
        <div className="notice" role="status">
          <p>Waiting for Zoom… Sign in and press Authorize in the Zoom tab.</p>
          <button type="button" className="button button--secondary" onClick={flow.cancel}>Cancel</button>
        </div>
      )}
      {flow.state.phase === 'failed' && <ConnectionFailureNotice result={flow.state.result} approvalSteps={connector.adminApprovalSteps} onDismiss={flow.reset} />}
      <div className="add-connection__actions">
        <button type="submit" className="button button--primary" disabled={flow.state.phase === 'waiting'}>Connect</button>
        <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
