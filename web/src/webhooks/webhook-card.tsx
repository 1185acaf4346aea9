import { useState } from 'react';
import { describeFailure } from '../booking/field-errors.ts';
import { DeliveryLog, formatMoment } from './delivery-log.tsx';
import { eventLabel } from './webhook-event-names.ts';
import { webhooksApi, type WebhookSubscription, type WebhookSubscriptionWithSecret } from './webhooks-api.ts';

/**
 * One subscription: where it sends, whose events and which, whether it is on, and what it can do:
 * send a test, disable or enable, rotate the secret, show its delivery log, delete.
 */
export function WebhookCard({ subscription, ownerLabel, onChanged, onDeleted, onSecret }: {
  subscription: WebhookSubscription;
  ownerLabel: string;
  onChanged: (changed: WebhookSubscription) => void;
  onDeleted: (id: string) => void;
  onSecret: (shown: WebhookSubscriptionWithSecret) => void;
}) {
  const [showLog, setShowLog] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const titleId = `webhook-${subscription.id}-title`;
  const logId = `webhook-${subscription.id}-log`;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      await action();
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const sendTest = () => act(async () => {
    await webhooksApi.sendTest(subscription.id);
    setNotice('Test event queued. Its delivery shows in the log below.');
    setShowLog(true);
    setRefreshKey((key) => key + 1);
  });
  const toggleActive = () => act(async () => onChanged(await webhooksApi.update(subscription.id, { active: !subscription.active })));
  const rotate = () => act(async () => onSecret(await webhooksApi.rotateSecret(subscription.id)));
  const remove = () => act(async () => {
    await webhooksApi.remove(subscription.id);
    onDeleted(subscription.id);
  });

  return (
    <li className="panel webhook-card" aria-labelledby={titleId} data-webhook-id={subscription.id}>
      <div className="webhook-card__head">
        <div className="webhook-card__main">
          <h2 id={titleId} className="webhook-card__url"><code>{subscription.url}</code></h2>
          {subscription.description && <p className="webhook-card__description">{subscription.description}</p>}
          <p className="muted webhook-card__facts">
            {ownerLabel} · created {formatMoment(subscription.createdAt)}{subscription.createdBy ? ` by ${subscription.createdBy.name}` : ''}
            {subscription.lastDelivery ? ` · last delivery ${subscription.lastDelivery.status}, ${formatMoment(subscription.lastDelivery.createdAt)}` : ''}
          </p>
        </div>
        <span className={subscription.active ? 'status-badge status-badge--active' : 'status-badge'}>
          <span aria-hidden="true">{subscription.active ? '●' : '○'}</span> {subscription.active ? 'Active' : 'Disabled'}
        </span>
      </div>
      <ul className="webhook-card__events" aria-label="Events">
        {subscription.events.map((type) => <li key={type}>{eventLabel(type)}</li>)}
      </ul>
      {notice && <p className="notice" role="status">{notice}</p>}
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      <div className="webhook-card__actions">
        <button type="button" className="button button--secondary" onClick={() => void sendTest()} disabled={busy || !subscription.active}>Send test</button>
        <button type="button" className="button button--secondary" onClick={() => setShowLog((shown) => !shown)} aria-expanded={showLog} aria-controls={logId}>
          {showLog ? 'Hide delivery log' : 'Delivery log'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void toggleActive()} disabled={busy}>{subscription.active ? 'Disable' : 'Enable'}</button>
        <button type="button" className="button button--secondary" onClick={() => void rotate()} disabled={busy}>Rotate secret</button>
        {!confirmingDelete && <button type="button" className="button button--danger" onClick={() => setConfirmingDelete(true)} disabled={busy}>Delete</button>}
      </div>
      {confirmingDelete && (
        <div className="notice notice--warning webhook-card__confirm" role="group" aria-label="Confirm deletion">
          <p>Delete this webhook and its delivery log? Events stop going to this URL at once.</p>
          <div className="webhook-card__actions">
            <button type="button" className="button button--danger" onClick={() => void remove()} disabled={busy}>Delete webhook</button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmingDelete(false)}>Keep it</button>
          </div>
        </div>
      )}
      {showLog && (
        <section id={logId} className="webhook-card__log" aria-label={`Delivery log of ${subscription.url}`}>
          <DeliveryLog subscriptionId={subscription.id} active={subscription.active} refreshKey={refreshKey} />
        </section>
      )}
    </li>
  );
}
