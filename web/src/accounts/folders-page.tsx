import { useState, type FormEvent } from 'react';
import { accountsApi, type Me } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { TextField } from '../components/text-field.tsx';
import { Link } from '../router.tsx';
import { useLoad } from './use-load.ts';

const folderRoleLabels = { folder_admin: 'Folder admin', member: 'Member' } as const;

/** `/folders`: the folders the user may see; owners and admins create new ones. */
export function FoldersPage({ me }: { me: Me }) {
  const { value: folders, error, reload } = useLoad(accountsApi.folders, []);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const canCreate = me.role === 'owner' || me.role === 'admin';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem('Give the folder a name.');
    try {
      await accountsApi.createFolder(name.trim());
      setName('');
      setProblem(undefined);
      await reload();
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.message : 'Confer’s server is not answering.');
    }
  };

  return (
    <>
      <h1>Folders</h1>
      {error && <p className="notice notice--error" role="alert">Folders could not be loaded: {error.message}</p>}
      {folders && folders.length === 0 && <p className="muted">You are not in any folder yet.</p>}
      {folders && folders.length > 0 && (
        <ul className="list">
          {folders.map((folder) => (
            <li key={folder.id} className="list__item">
              <Link to={`/folders/${folder.id}`}>{folder.name}</Link>
              <span className="muted">{folderRoleLabels[folder.role]}</span>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <form className="panel inline-form" onSubmit={create} noValidate>
          <TextField id="new-folder-name" label="New folder" value={name} onValueChange={setName} error={problem} maxLength={120} />
          <button type="submit" className="button button--primary">New folder</button>
        </form>
      )}
    </>
  );
}
