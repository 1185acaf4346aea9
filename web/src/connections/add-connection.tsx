import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { TextField } from '../components/text-field.tsx';
import { ConnectionFailureNotice } from './connection-result-notice.tsx';
import { SecretField } from './secret-field.tsx';
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
  const [webhookSecret, setWebhookSecret] = useState('');
  const [webhookUseAsset, setWebhookUseAsset] = useState(false);
  const [webhookAssetId, setWebhookAssetId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const callbackRef = useRef<HTMLElement>(null);
  const endpointRef = useRef<HTMLElement>(null);
  const declaration = connector.authTypes.find((t) => t.id === authType) ?? connector.authTypes[0]!;
  const byo = declaration.fields.length > 0;

  useEffect(() => {
    if ((useAsset || webhookUseAsset) && assets === undefined) connectionsApi.credentialAssets(folderId).then(setAssets, () => setAssets([]));
  }, [useAsset, webhookUseAsset, assets, folderId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (byo && !clientId.trim()) problems.clientId = 'Enter the Client ID of your Zoom OAuth app.';
    if (byo && !useAsset && !clientSecret.trim()) problems.clientSecret = 'Enter the Client secret, or use a credential asset.';
    if (byo && useAsset && !assetId) problems.clientSecret = 'Choose the credential asset that holds the Client secret.';
    if (byo && webhookUseAsset && !webhookAssetId) problems.webhookSecretToken = 'Choose the credential asset that holds the Webhook secret token, or enter the value instead.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    flow.run(() => connectionsApi.start({
      connector: connector.id,
      target: { folderId },
      authType,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(byo ? { clientId: clientId.trim(), ...(useAsset ? { clientSecretAsset: assetId } : { clientSecret: clientSecret.trim() }) } : {}),
      ...(byo && webhookUseAsset && webhookAssetId ? { webhookSecretTokenAsset: webhookAssetId } : {}),
      ...(byo && !webhookUseAsset && webhookSecret.trim() ? { webhookSecretToken: webhookSecret.trim() } : {}),
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
        {byo && (
          <>
            <p className="field__label">Event notification endpoint URL</p>
            <p className="field__hint">Under Event subscriptions, add this URL and subscribe to {connector.eventSubscriptions.join(', ')}.</p>
            <div className="credential">
              <code className="credential__value" ref={endpointRef}>{connector.eventEndpointUrl}</code>
              <CopyButton value={connector.eventEndpointUrl} what="event endpoint URL" selectTarget={endpointRef} />
            </div>
          </>
        )}
      </div>

      <TextField id="connection-name" label="Connection name" hint="Optional; defaults to the Zoom account’s email." value={name} onValueChange={setName} maxLength={120} />
      {byo && (
        <>
          <TextField id="client-id" label="Client ID" value={clientId} onValueChange={setClientId} error={errors.clientId} autoComplete="off" />
          <SecretField id="client-secret" label="Client secret" value={clientSecret} onValueChange={setClientSecret} useAsset={useAsset} onUseAsset={setUseAsset}
            assets={assets} assetId={assetId} onAssetChange={setAssetId} error={errors.clientSecret} />
          <SecretField id="webhook-secret-token" label="Webhook secret token" hint="From the app’s Features → Access page: Confer checks the app’s events with it."
            value={webhookSecret} onValueChange={setWebhookSecret} useAsset={webhookUseAsset} onUseAsset={setWebhookUseAsset}
            assets={assets} assetId={webhookAssetId} onAssetChange={setWebhookAssetId} error={errors.webhookSecretToken} />
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
