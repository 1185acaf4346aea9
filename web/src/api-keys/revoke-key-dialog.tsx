import { useEffect, useRef, useState } from 'react';
import { describeFailure } from '../booking/field-errors.ts';
import { apiKeysApi, type ApiKey } from './api-keys-api.ts';

/**
 * Asks before revoking a key, in a modal dialog: revoking is immediate and cannot be undone.
 * Escape or Cancel leaves the key as it was, and the browser returns focus to the Revoke button.
 */
export function RevokeKeyDialog({ apiKey, onRevoked, onClose }: { apiKey: ApiKey; onRevoked: (key: ApiKey) => void; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  // No close() on cleanup: StrictMode's rehearsal unmount would fire `close` and dismiss the dialog;
  // removing an open dialog from the page takes it out of the top layer anyway.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const revoke = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      onRevoked(await apiKeysApi.revoke(apiKey.id));
    } catch (error) {
      setFailure(describeFailure(error));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby="revoke-key-title" aria-describedby="revoke-key-consequence"
      onCancel={(event) => { if (busy) event.preventDefault(); }} onClose={onClose}>
      <h2 id="revoke-key-title">Revoke “{apiKey.name}”?</h2>
      <p id="revoke-key-consequence">
        Anything using <code>{apiKey.prefix}…</code> is refused from its next request. This cannot be undone; a new key has a new secret.
      </p>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      <div className="confirm-dialog__actions">
        <button type="button" className="button button--danger" onClick={() => void revoke()} disabled={busy}>{busy ? 'Revoking…' : 'Revoke key'}</button>
        <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()} disabled={busy} autoFocus>Cancel</button>
      </div>
    </dialog>
  );
}
