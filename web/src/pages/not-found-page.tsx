import { ConferMark } from '../components/confer-mark.tsx';
import { Link } from '../router.tsx';

/** Any path the app has no page for. */
export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="stack">
      <Link to="/" className="brand">
        <ConferMark size={28} />
        Confer
      </Link>
      <section className="card card--narrow" aria-labelledby="not-found-title">
        <h1 id="not-found-title" className="card__title">
          Page not found
        </h1>
        <p className="card__lead">
          There is no page at <code>{path}</code>.
        </p>
        <Link to="/" className="button button--secondary">
          Go to the first page
        </Link>
      </section>
    </div>
  );
}
