import { useState, type FormEvent } from 'react';
import { accountsApi, type FolderRole } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { FolderConnections } from '../connections/folder-connections.tsx';
import { useLoad } from './use-load.ts';

/** `/folders/:folderId`: the folder's Connections and Members tabs. */
export function FolderPage({ folderId }: { folderId: string }) {
  const { value: folder, error } = useLoad(() => accountsApi.folder(folderId), [folderId]);
  const [tab, setTab] = useState<'connections' | 'members'>('connections');
  if (error) return <p className="notice notice--error" role="alert">{error instanceof ApiError && error.status === 404 ? 'There is no such folder, or you are not one of its members.' : error.message}</p>;
  if (!folder) return <p role="status">Loading…</p>;
  const canManage = folder.role === 'folder_admin';
  return (
    <>
      <h1>{folder.name}</h1>
      <div className="tabs" role="tablist" aria-label="Folder">
        <button type="button" role="tab" id="tab-connections" aria-selected={tab === 'connections'} aria-controls="panel-connections" onClick={() => setTab('connections')}>Connections</button>
        <button type="button" role="tab" id="tab-members" aria-selected={tab === 'members'} aria-controls="panel-members" onClick={() => setTab('members')}>Members</button>
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'connections' ? <FolderConnections folderId={folderId} canManage={canManage} /> : <FolderMembers folderId={folderId} canManage={canManage} />}
      </div>
    </>
  );
}

function FolderMembers({ folderId, canManage }: { folderId: string; canManage: boolean }) {
  const { value: members, reload } = useLoad(() => accountsApi.members(folderId), [folderId]);
  const { value: users } = useLoad(() => (canManage ? accountsApi.users().catch(() => []) : Promise.resolve([])), [canManage]);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<FolderRole>('member');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setProblem(undefined);
      await reload();
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.message : 'Confer’s server is not answering.');
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return setProblem('Choose a user to add.');
    void act(() => accountsApi.addMember(folderId, userId, role));
  };
  const candidates = (users ?? []).filter((u) => !(members ?? []).some((m) => m.userId === u.id));

  return (
    <div className="folder-connections">
      <h2>Members</h2>
      {problem && <p className="notice notice--error" role="alert">{problem}</p>}
      <ul className="list">
        {(members ?? []).map((member) => (
          <li key={member.userId} className="list__item">
            <span>{member.name} <span className="muted">{member.email}</span></span>
            <span>
              {member.role === 'folder_admin' ? 'Folder admin' : 'Member'}
              {canManage && <> <button type="button" className="link-button" onClick={() => void act(() => accountsApi.removeMember(folderId, member.userId))}>Remove<span className="visually-hidden"> {member.name}</span></button></>}
            </span>
          </li>
        ))}
      </ul>
      {canManage && (
        <form className="panel inline-form" onSubmit={add} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="member-user">User</label>
            <select id="member-user" className="field__input" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose a user…</option>
              {candidates.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="member-role">Folder role</label>
            <select id="member-role" className="field__input" value={role} onChange={(e) => setRole(e.target.value as FolderRole)}>
              <option value="member">Member</option>
              <option value="folder_admin">Folder admin</option>
            </select>
          </div>
          <button type="submit" className="button button--primary">Add member</button>
        </form>
      )}
    </div>
  );
}
