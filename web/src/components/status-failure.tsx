import { ApiError } from '../api/client.ts';

/** What the first page shows when `GET /api/v1/status` fails: what happened and a way to try again. */
export function StatusFailure({ error, retrying, onRetry }: { error: Error; retrying: boolean; onRetry: () => void }) {
  // A proxy's 502/503/504 means the same to a person as no answer at all.
  const answeredWithError = error instanceof ApiError && ![502, 503, 504].includes(error.status);
  return (
    <section className="card card--narrow" aria-labelledby="status-failure-title">
      <div role="alert" className="failure">
        <div className="card__icon card__icon--error" aria-hidden="true">
          !
        </div>
        <h2 id="status-failure-title" className="card__title">
          {answeredWithError ? "Confer's server reported a problem" : "Confer's server is not answering"}
        </h2>
        <p className="card__lead">
          {answeredWithError
            ? error.message
            : 'Check that it is running (npm start) and that this browser can reach it, then try again.'}
        </p>
      </div>
      <button type="button" className="button button--primary" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </section>
  );
}
