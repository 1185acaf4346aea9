import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest } from '../api/client.ts';
import './mailbox.css';

/** A message Confer sent while no SMTP server is configured. */
interface MailboxMessage {
  id: string;
  kind: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  status: string;
  hasCalendar: boolean;
  calendarMethod: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** How often a visible mailbox looks for new mail. */
const refreshEveryMs = 5000;

const fetchMailbox = () => apiRequest<{ messages: MailboxMessage[] }>('GET', '/mailbox').then((r) => r.messages);

/** `/mailbox`: the dev mailbox, so every email can be read on a machine without mail. */
export function MailboxPage() {
  const [messages, setMessages] = useState<MailboxMessage[] | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [off, setOff] = useState(false);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [view, setView] = useState<'html' | 'text'>('html');

  const reload = useCallback(async () => {
    try {
      setMessages(await fetchMailbox());
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) setOff(true);
      else setError(failure as Error);
    }
  }, []);

  useEffect(() => {
    if (off) return;
    void reload();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, refreshEveryMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload, off]);

  if (off) {
    return (
      <>
        <h1>Mailbox</h1>
        <p className="notice">Mail goes out through SMTP; the mailbox is off.</p>
      </>
    );
  }

  const selected = messages?.find((m) => m.id === selectedId) ?? messages?.[0];
  return (
    <>
      <h1>Mailbox</h1>
      <p className="muted">No SMTP server is configured, so Confer keeps the emails it sends here.</p>
      {error && <p className="notice notice--error" role="alert">The mailbox could not be loaded: {error.message}</p>}
      {!messages && !error && <p role="status">Loading…</p>}
      {messages && messages.length === 0 && <p className="muted">No messages yet.</p>}
      {messages && selected && (
        <div className="mailbox">
          <ul className="mailbox__list" aria-label="Messages">
            {messages.map((message) => (
              <li key={message.id}>
                <button type="button" className="mailbox__item" aria-current={message.id === selected.id ? 'true' : undefined} onClick={() => setSelectedId(message.id)}>
                  <span className="mailbox__subject">{message.subject}</span>
                  <span className="mailbox__meta">{message.to}</span>
                  <span className="mailbox__meta">{new Date(message.createdAt).toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
          <article className="panel mailbox__message" aria-labelledby="mailbox-subject">
            <h2 id="mailbox-subject" className="card__title">{selected.subject}</h2>
            <dl className="facts">
              <dt>To</dt><dd>{selected.toName ? `${selected.toName} <${selected.to}>` : selected.to}</dd>
              <dt>Kind</dt><dd>{selected.kind}</dd>
              <dt>Status</dt><dd>{selected.status}{selected.sentAt ? ` · ${new Date(selected.sentAt).toLocaleString()}` : ''}</dd>
            </dl>
            {selected.hasCalendar && (
              <p>
                <a href={`/api/v1/mailbox/${encodeURIComponent(selected.id)}/ics`} download>Download .ics</a>
                {selected.calendarMethod && <span className="muted"> ({selected.calendarMethod})</span>}
              </p>
            )}
            <div className="tabs" role="tablist" aria-label="Message format">
              <button type="button" role="tab" id="mail-tab-html" aria-selected={view === 'html'} aria-controls="mail-panel" onClick={() => setView('html')}>HTML</button>
              <button type="button" role="tab" id="mail-tab-text" aria-selected={view === 'text'} aria-controls="mail-panel" onClick={() => setView('text')}>Text</button>
            </div>
            <div role="tabpanel" id="mail-panel" aria-labelledby={`mail-tab-${view}`}>
              {/* sandbox="" runs no script and treats the mail as another origin: it is content from outside. */}
              {view === 'html' ? <iframe sandbox="" srcDoc={selected.html} title="Message" /> : <pre>{selected.text}</pre>}
            </div>
          </article>
        </div>
      )}
    </>
  );
}
