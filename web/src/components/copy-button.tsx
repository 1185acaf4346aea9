import { useEffect, useState, type RefObject } from 'react';

type CopyState = 'idle' | 'copied' | 'selected';

/**
 * Copies `value` to the clipboard. Where the Clipboard API is unavailable (it needs a secure
 * context, so plain http on a LAN address lacks it), the text in `selectTarget` is selected
 * instead and the button says so, so the person can copy it with the keyboard. `spokenAs` names
 * the value in the status a screen reader hears, where `what` alone lacks context.
 */
export function CopyButton({ value, what, selectTarget, spokenAs = what }: { value: string; what: string; selectTarget: RefObject<HTMLElement | null>; spokenAs?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const spoken = spokenAs.charAt(0).toUpperCase() + spokenAs.slice(1);

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Denied or unavailable: fall back to selecting the text, and say so below.
      const target = selectTarget.current;
      if (!target) return;
      window.getSelection()?.selectAllChildren(target);
      setState('selected');
    }
  };

  return (
    <>
      <button type="button" className="copy-button" onClick={copy}>
        {state === 'copied' ? 'Copied' : 'Copy'}
        {/* The accessible name says what is copied. It is content, not aria-label, so that
            getByLabel('Email') finds the form's field and not this button. */}
        <span className="visually-hidden"> {what}</span>
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${spoken} copied.` : state === 'selected' ? `${spoken} selected; press Control C to copy it.` : ''}
      </span>
    </>
  );
}
