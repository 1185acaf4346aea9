import type { ReactNode } from 'react';
import { accountsApi, type Me } from '../api/accounts.ts';
import { ConferMark } from '../components/confer-mark.tsx';
import { Link, navigate, usePath } from '../router.tsx';
import { reloadMe } from '../session/use-me.ts';
import { AvatarMenu } from './avatar-menu.tsx';
import './shell.css';

/** The signed-in frame: Confer's name, the navigation, and the user's menu in the top-right corner. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  const path = usePath();
  const isAdmin = me.role === 'owner' || me.role === 'admin';
  // /api/v1/status does not say whether SMTP is configured, so Mailbox is always offered; with
  // SMTP its page says the mailbox is off.
  const links = [
    { to: '/', label: 'Home' },
    { to: '/booking-pages', label: 'Booking pages' },
    { to: '/bookings', label: 'Bookings' },
    { to: '/folders', label: 'Folders' },
    ...(isAdmin ? [{ to: '/users', label: 'Users' }] : []),
    { to: '/mailbox', label: 'Mailbox' },
  ];
  const signOut = async () => {
    await accountsApi.signOut().catch(() => undefined);
    await reloadMe();
    navigate('/sign-in', { replace: true });
  };
  return (
    <div className="app-shell">
      <header className="topbar">
        <Link to="/" className="topbar__brand">
          <ConferMark size={28} />
          <span>Confer</span>
          {me.workspaceName && <span className="topbar__workspace">{me.workspaceName}</span>}
        </Link>
        <nav className="topbar__nav" aria-label="Main">
          {links.map((link) => (
            <Link key={link.to} to={link.to} className="topbar__link" aria-current={(link.to === '/' ? path === '/' : path.startsWith(link.to)) ? 'page' : undefined}>
              {link.label}
            </Link>
          ))}
        </nav>
        <AvatarMenu me={me} onSignOut={() => void signOut()} />
      </header>
      <div className="app-shell__content">{children}</div>
    </div>
  );
}
