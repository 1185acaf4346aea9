import { useState, type FormEvent } from 'react';
import { accountsApi, type Me, type Role } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { PasswordField } from '../components/password-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { useLoad } from './use-load.ts';

/** `/users` (owners and admins): the workspace's people, and adding one. */
export function UsersPage({ me }: { me: Me }) {
  const { value: users, error, reload } = useLoad(accountsApi.users, []);
  const [form, setForm] = useState({ name: '', email: '', role: 'member' as Role, password: '' });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [added, setAdded] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.name.trim() || !form.email.trim()) return setProblem('Enter a name and an email.');
    if (form.password.length < 12) return setProblem('The password needs at least 12 characters.');
    try {
      const user = await accountsApi.createUser({ ...form, name: form.name.trim(), email: form.email.trim() });
      setAdded(`${user.name} can now sign in with ${user.email}.`);
      setProblem(undefined);
      setForm({ name: '', email: '', role: 'member', password: '' });
      await reload();
    } catch (failure) {
      setProblem(failure instanceof ApiError ? failure.message : 'Confer’s server is not answering.');
    }
  };

  return (
    <>
      <h1>Users</h1>
      {error && <p className="notice notice--error" role="alert">{error.message}</p>}
      <ul className="list">
        {(users ?? []).map((user) => (
          <li key={user.id} className="list__item"><span>{user.name} <span className="muted">{user.email}</span></span><span>{user.role}</span></li>
        ))}
      </ul>
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="add-user-title">
        <h2 id="add-user-title" className="card__title">Add a user</h2>
        {problem && <p className="notice notice--error" role="alert">{problem}</p>}
        {added && <p className="notice" role="status">{added}</p>}
        <TextField id="user-name" label="Name" value={form.name} onValueChange={(name) => setForm({ ...form, name })} />
        <TextField id="user-email" label="Email" type="email" value={form.email} onValueChange={(email) => setForm({ ...form, email })} />
        <div className="field">
          <label className="field__label" htmlFor="user-role">Role</label>
          <select id="user-role" className="field__input" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
            {me.role === 'owner' && <option value="owner">Owner</option>}
          </select>
        </div>
        <PasswordField id="user-password" label="Password" hint="At least 12 characters." value={form.password} onValueChange={(password) => setForm({ ...form, password })} />
        <button type="submit" className="button button--primary">Add user</button>
      </form>
    </>
  );
}
