import { useState, type FormEvent } from 'react';
import { accountsApi } from '../api/accounts.ts';
import { ApiError } from '../api/client.ts';
import { PasswordField } from '../components/password-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { navigate } from '../router.tsx';
import { reloadMe } from '../session/use-me.ts';

/** `/sign-in`: email and password; errors (wrong password, too many tries) in plain words. */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return setError('Enter your email and your password.');
    setBusy(true);
    setError(undefined);
    try {
      await accountsApi.signIn(email.trim(), password);
      await reloadMe();
      const next = new URLSearchParams(window.location.search).get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Confer’s server is not answering. Try again in a moment.');
      setBusy(false);
    }
  };

  return (
    <form className="card card--narrow" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <h2 id="sign-in-title" className="card__title">Sign in</h2>
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      <TextField id="sign-in-email" label="Email" type="email" autoComplete="username" value={email} onValueChange={setEmail} />
      <PasswordField id="sign-in-password" label="Password" autoComplete="current-password" value={password} onValueChange={setPassword} />
      <button type="submit" className="button button--primary button--block" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
