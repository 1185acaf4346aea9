import { useCallback, useEffect, useState } from 'react';
import { describeFailure } from '../booking/field-errors.ts';
import { eventLabel } from './webhook-event-names.ts';
import { webhooksApi, type WebhookDelivery, type WebhookDeliveryStatus } from './webhooks-api.ts';

const statusLabels: Record<WebhookDeliveryStatus, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };
// A shape as well as a colour and a word, so the state reads without colour.
const statusMarks: Record<WebhookDeliveryStatus, string> = { pending: '◌', delivered: '●', failed: '✕' };

const moment = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const formatMoment = (iso: string) => moment.format(new Date(iso));

/** What the receiver said to the last attempt, or why there was no answer. */
function lastResponse(delivery: WebhookDelivery): string {
  if (delivery.attempts === 0) return 'Not sent yet';
  const status = delivery.lastResponseStatus === null ? 'No answer' : `HTTP ${delivery.lastResponseStatus}`;
  const time = delivery.lastDurationMs === null ? '' : ` in ${delivery.lastDurationMs} ms`;
  return `${status}${time}`;
}

/**
 * A subscription's delivery log, newest first: what was sent, how it went, and a way to send it
 * again. While a delivery is pending the log looks again every two seconds, so a retry's outcome
 * shows without reloading.
 */
export function DeliveryLog({ subscriptionId, active, refreshKey }: { subscriptionId: string; active: boolean; refreshKey: number }) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | undefined>(undefined);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [retryFailure, setRetryFailure] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const page = await webhooksApi.deliveries(subscriptionId);
      setDeliveries(page.deliveries);
      setNextCursor(page.nextCursor);
      setError(undefined);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  }, [subscriptionId]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const pending = deliveries?.some((delivery) => delivery.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(() => void load(), 2000);
    return () => window.clearTimeout(timer);
  }, [pending, deliveries, load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await webhooksApi.deliveries(subscriptionId, nextCursor);
      setDeliveries((current) => [...(current ?? []), ...page.deliveries]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(describeFailure(failure));
    }
  };

  const retry = async (delivery: WebhookDelivery) => {
    setRetryFailure(undefined);
    try {
      const queued = await webhooksApi.retry(subscriptionId, delivery.id);
      setDeliveries((current) => current?.map((other) => (other.id === queued.id ? queued : other)));
    } catch (failure) {
      setRetryFailure(describeFailure(failure));
    }
  };

  if (error) return <p className="notice notice--error" role="alert">The delivery log could not be loaded: {error}</p>;
  if (!deliveries) return <p role="status">Loading the delivery log…</p>;
  if (deliveries.length === 0) return <p className="muted">Nothing sent yet. Use Send test to try the endpoint.</p>;
  return (
    <div className="delivery-log">
      {retryFailure && <p className="notice notice--error" role="alert">{retryFailure}</p>}
      <div className="delivery-log__scroll" role="region" aria-label="Delivery log" tabIndex={0}>
        <table className="connections-table delivery-log__table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last response</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-delivery-id={delivery.id}>
                <td><time dateTime={delivery.createdAt}>{formatMoment(delivery.createdAt)}</time></td>
                <td>{eventLabel(delivery.eventType)}<span className="delivery-log__sub"><code>{delivery.eventId}</code></span></td>
                <td>
                  <span className={`status-badge delivery-status--${delivery.status}`}>
                    <span aria-hidden="true">{statusMarks[delivery.status]}</span> {statusLabels[delivery.status]}
                  </span>
                  {delivery.status === 'pending' && delivery.nextAttemptAt && delivery.attempts > 0 && (
                    <span className="delivery-log__sub">Next try <time dateTime={delivery.nextAttemptAt}>{formatMoment(delivery.nextAttemptAt)}</time></span>
                  )}
                </td>
                <td>{delivery.attempts}</td>
                <td>
                  {lastResponse(delivery)}
                  {delivery.lastError && <span className="delivery-log__sub delivery-log__error">{delivery.lastError}</span>}
                </td>
                <td>
                  {active && delivery.status !== 'pending' && (
                    <button type="button" className="button button--secondary delivery-log__retry" onClick={() => void retry(delivery)}>
                      Send again<span className="visually-hidden"> {eventLabel(delivery.eventType)} of {formatMoment(delivery.createdAt)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor && <button type="button" className="button button--secondary" onClick={() => void loadMore()}>Show older deliveries</button>}
    </div>
  );
}
