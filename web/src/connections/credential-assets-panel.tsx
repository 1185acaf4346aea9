import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { TextField } from '../components/text-field.tsx';
import { connectionsApi, type CredentialAsset } from './connections-api.ts';

/** A folder's credential assets: references to secrets kept elsewhere (env:, file:, vault:). */
export function CredentialAssetsPanel({ folderId, canManage }: { folderId: string; canManage: boolean }) {
  const [assets, setAssets] = useState<CredentialAsset[] | undefined>(undefined);
  const [name, setName] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const reload = useCallback(() => connectionsApi.credentialAssets(folderId).then(setAssets, () => setAssets([])), [folderId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !reference.trim()) return setError('Give the asset a name and a reference.');
    setSaving(true);
    setError(undefined);
    try {
      await connectionsApi.createCredentialAsset(folderId, { name: name.trim(), reference: reference.trim() });
      setName('');
      setReference('');
      await reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Confer could not reach its server. Try again.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="credential-assets" aria-labelledby="credential-assets-title">
      <h3 id="credential-assets-title">Credential assets</h3>
      <p className="field__hint">A secret field can point at one of these instead of holding the value. Confer reads the secret when it is used.</p>
      {assets && assets.length === 0 && <p>No credential assets yet.</p>}
      {assets && assets.length > 0 && (
        <ul className="credential-assets__list">
          {assets.map((asset) => (
            <li key={asset.id}>
              <span className="credential-assets__name">{asset.name}</span> <code>{asset.reference}</code>
              {asset.resolvable === false && <span className="credential-assets__problem"> — cannot be read now: {asset.problem}</span>}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form className="credential-assets__form" onSubmit={add} noValidate>
          <TextField id="asset-name" label="Asset name" value={name} onValueChange={setName} maxLength={120} />
          <TextField id="asset-reference" label="Reference" hint="env:NAME, file:/path/to/secret or vault:mount/path#field" value={reference} onValueChange={setReference} error={error} />
          <button type="submit" className="button button--secondary" disabled={saving}>{saving ? 'Adding…' : 'Add credential asset'}</button>
        </form>
      )}
    </section>
  );
}
