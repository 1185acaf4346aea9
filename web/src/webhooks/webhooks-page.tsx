import { useRef, useState } from 'react';
import { useLoad } from '../accounts/use-load.ts';
import { accountsApi } from '../api/accounts.ts';
import { useFocusAfterRender } from '../components/use-focus-after-render.ts';
import { CreateWebhookForm } from './create-webhook-form.tsx';
import { WebhookCard } from './webhook-card.tsx';
import { WebhookSecret } from './webhook-secret.tsx';
import { webhooksApi, type WebhookSubscription, type WebhookSubscriptionWithSecret } from './webhooks-api.ts';
import '../connections/connections.css';
import '../scheduling/scheduling.css';
import './webhooks.css';

/**
 * `/settings/webhooks`: the URLs that receive Confer's events (the person's own and their folders'),
 * creating one (its signing secret shown once), and each one's delivery log.
 */
export function WebhooksPage() {
  const { value: loaded, error, reload } = useLoad(webhooksApi.list, []);
  const { value: folders, error: foldersError } = useLoad(accountsApi.folders, []);
  // Subscriptions created, changed or deleted here, over what was loaded: the list changes without a refetch.
  const [changed, setChanged] = useState<WebhookSubscription[]>([]);
  const [deleted, setDeleted] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ shown: WebhookSubscriptionWithSecret; rotated: boolean } | undefined>(undefined);
  const newButtonRef = useRef<HTMLButtonElement>(null);

  const subscriptions = loaded && [
    ...changed.filter((item) => !loaded.some((other) => other.id === item.id)),
    ...loaded.map((item) => changed.find((other) => other.id === item.id) ?? item),
  ].filter((item) => !deleted.includes(item.id));

  const remember = (subscription: WebhookSubscription) =>
    setChanged((current) => [subscription, ...current.filter((other) => other.id !== subscription.id)]);
  const showSecret = (shown: WebhookSubscriptionWithSecret, rotated: boolean) => {
    const { secret: _secret, ...listed } = shown;
    remember(listed);
    setSecret({ shown, rotated });
  };
  const ownerLabel = (subscription: WebhookSubscription) => {
    if (subscription.kind === 'user') return 'Your events';
    const name = folders?.find((folder) => folder.id === subscription.folderId)?.name;
    return `Folder: ${name ?? 'a folder'}`;
  };
  const focusAfterRender = useFocusAfterRender();
  const focusNewButton = () => focusAfterRender(() => newButtonRef.current);

  return (
    <>
      <div className="page-head">
        <h1>Webhooks</h1>
        {!creating && (
          <button ref={newButtonRef} type="button" className="button button--primary" onClick={() => { setSecret(undefined); setCreating(true); }} disabled={!folders && !foldersError}>
            New webhook
          </button>
        )}
      </div>
      <p className="webhooks__intro">
        A webhook sends Confer’s events to another service as they happen: bookings made, moved and cancelled, Zoom meetings
        ready or failed, recordings ready, and Zoom connections that need attention. Each request is signed, and failed
        deliveries are retried for about a day. See the <a href="/api/docs">API reference</a> for the same through the API.
      </p>

      {foldersError && <p className="notice notice--error" role="alert">Your folders could not be loaded: {foldersError.message}</p>}
      {creating && (
        <CreateWebhookForm
          folders={folders ?? []}
          onCreated={(created) => { setCreating(false); showSecret(created, false); }}
          onCancel={() => { setCreating(false); focusNewButton(); }}
        />
      )}
      {secret && <WebhookSecret key={`${secret.shown.id}-${secret.shown.updatedAt}`} shown={secret.shown} rotated={secret.rotated} onDone={() => { setSecret(undefined); focusNewButton(); }} />}

      {error && (
        <div className="notice notice--error" role="alert">
          <p>Your webhooks could not be loaded: {error.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>Try again</button>
        </div>
      )}
      {!subscriptions && !error && <p role="status">Loading…</p>}
      {subscriptions && subscriptions.length === 0 && !creating && (
        <p className="muted">No webhooks yet. Create one to have Confer tell another service about bookings and meetings.</p>
      )}
      {subscriptions && subscriptions.length > 0 && (
        <ul className="webhook-list" aria-label="Webhooks">
          {subscriptions.map((subscription) => (
            <WebhookCard key={subscription.id} subscription={subscription} ownerLabel={ownerLabel(subscription)}
              onChanged={remember} onDeleted={(id) => setDeleted((current) => [...current, id])} onSecret={(shown) => showSecret(shown, true)} />
          ))}
        </ul>
      )}
    </>
  );
}
