import { useEffect, useRef, useState } from 'react';
import type { Me } from '../api/accounts.ts';
import { navigate } from '../router.tsx';

export const initialsOf = (name: string): string =>
  name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('') || '?';

/**
 * The initials in the top-right corner; pressing them opens the user's menu (Profile settings,
 * API keys, Webhooks, Sign out). Escape or a click elsewhere closes it, and focus returns to the button.
 */
export function AvatarMenu({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };

  return (
    <div className="avatar-menu">
      <button ref={buttonRef} type="button" className="avatar" aria-haspopup="menu" aria-expanded={open} aria-label={`Account menu for ${me.name}`} onClick={() => setOpen(!open)}>
        {initialsOf(me.name)}
      </button>
      {open && (
        <div ref={menuRef} className="avatar-menu__panel" role="menu" aria-label="Account">
          <div className="avatar-menu__who">
            <span className="avatar-menu__name">{me.name}</span>
            <span className="avatar-menu__email">{me.email}</span>
          </div>
          <button type="button" role="menuitem" className="avatar-menu__item" onClick={() => go('/settings/profile')}>Profile settings</button>
          <button type="button" role="menuitem" className="avatar-menu__item" onClick={() => go('/settings/api-keys')}>API keys</button>
          <button type="button" role="menuitem" className="avatar-menu__item" onClick={() => go('/settings/webhooks')}>Webhooks</button>
          <button type="button" role="menuitem" className="avatar-menu__item" onClick={() => { setOpen(false); onSignOut(); }}>Sign out</button>
        </div>
      )}
    </div>
  );
}
