import { TextField } from '../components/text-field.tsx';
import type { CredentialAsset } from './connections-api.ts';

/**
 * A write-only secret of an OAuth app: typed in, or (⋯ → Use credential asset) read from one of
 * the folder's credential assets when Confer needs it.
 */
export function SecretField({ id, label, hint, value, onValueChange, useAsset, onUseAsset, assets, assetId, onAssetChange, error }: {
  id: string; label: string; hint?: string; value: string; onValueChange: (value: string) => void;
  useAsset: boolean; onUseAsset: (useAsset: boolean) => void;
  assets: CredentialAsset[] | undefined; assetId: string; onAssetChange: (assetId: string) => void; error: string | undefined;
}) {
  if (useAsset) {
    return (
      <div className={error ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-asset`}>{label} (credential asset)</label>
        <select id={`${id}-asset`} className="field__input" value={assetId} onChange={(e) => onAssetChange(e.target.value)} aria-invalid={error ? true : undefined}>
          <option value="">Choose a credential asset…</option>
          {(assets ?? []).map((asset) => (
            <option key={asset.id} value={asset.id}>{asset.name} ({asset.reference})</option>
          ))}
        </select>
        {assets && assets.length === 0 && <p className="field__hint">This folder has no credential assets yet: add one under Credential assets below.</p>}
        {error && <p className="field__error">{error}</p>}
        <button type="button" className="link-button" onClick={() => onUseAsset(false)}>Enter the value instead</button>
      </div>
    );
  }
  return (
    <div>
      <TextField id={id} label={label} {...(hint ? { hint } : {})} type="password" value={value} onValueChange={onValueChange} error={error} autoComplete="off" />
      <details className="secret-menu">
        <summary aria-label={`More options for ${label}`}>⋯</summary>
        <button type="button" className="link-button" onClick={() => { onUseAsset(true); onValueChange(''); }}>Use credential asset</button>
      </details>
    </div>
  );
}
