import type { Folder } from '../api/accounts.ts';
import type { ApiKey } from './api-keys-api.ts';
import { formatDay, formatMoment, formatSince, statusOf, type ApiKeyStatus } from './key-times.ts';

const accessLabels = { read: 'Read', write: 'Read & write' } as const;
const statusLabels: Record<ApiKeyStatus, string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };
// A shape as well as a colour and a word, so the state reads without colour.
const statusMarks: Record<ApiKeyStatus, string> = { active: '●', revoked: '✕', expired: '○' };

/** The keys a person may see: what each reaches and may do, who made it, its use, and a way to revoke it. */
export function ApiKeysTable({ keys, folders, caption, onRevoke }: {
  keys: ApiKey[]; folders: Folder[]; caption: string; onRevoke: (key: ApiKey) => void;
}) {
  const folderName = (id: string) => folders.find((folder) => folder.id === id)?.name ?? 'a folder you are not in';
  const now = new Date();
  return (
    <div className="api-keys-table__scroll" role="region" aria-labelledby="api-keys-caption" tabIndex={0}>
      <table className="connections-table api-keys-table">
        <caption id="api-keys-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Kind</th>
            <th scope="col">Reaches</th>
            <th scope="col">Access</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const status = statusOf(key, now);
            const reaches = key.kind === 'folder'
              ? [folderName(key.folderId!)]
              : [...(key.personal ? ['Personal'] : []), ...key.folderIds.map(folderName)];
            return (
              <tr key={key.id} data-api-key-id={key.id} className={status === 'active' ? undefined : 'api-keys-table__row--inactive'}>
                <th scope="row" className="api-keys-table__name">{key.name}</th>
                <td><code className="api-keys-table__prefix">{key.prefix}…</code></td>
                <td>{key.kind === 'folder' ? <>Folder<span className="api-keys-table__sub">{folderName(key.folderId!)}</span></> : 'Personal'}</td>
                <td>{reaches.join(', ')}</td>
                <td>{accessLabels[key.access]}</td>
                <td>
                  {key.createdBy.name}
                  <span className="api-keys-table__sub"><time dateTime={key.createdAt} title={formatMoment(key.createdAt)}>{formatDay(key.createdAt)}</time></span>
                </td>
                <td>{key.lastUsedAt ? <time dateTime={key.lastUsedAt} title={formatMoment(key.lastUsedAt)}>{formatSince(key.lastUsedAt, now)}</time> : 'Never'}</td>
                <td>{key.expiresAt ? <time dateTime={key.expiresAt} title={formatMoment(key.expiresAt)}>{formatDay(key.expiresAt)}</time> : 'Never'}</td>
                <td>
                  <span className={`status-badge api-key-status--${status}`}>
                    <span aria-hidden="true">{statusMarks[status]}</span> {statusLabels[status]}
                  </span>
                  {key.revokedAt && <span className="api-keys-table__sub"><time dateTime={key.revokedAt}>{formatDay(key.revokedAt)}</time></span>}
                </td>
                <td>
                  {key.revokedAt === null && (
                    <button type="button" className="button button--danger api-keys-table__revoke" onClick={() => onRevoke(key)}>
                      Revoke<span className="visually-hidden"> {key.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
