import { Link } from '../router.tsx';
import type { PublishProblemCode } from './booking-pages-api.ts';

const fixLabels: Record<PublishProblemCode, string> = {
  CONNECTION_MISSING: 'Connect Zoom',
  CONNECTION_NEEDS_REAUTHORIZATION: 'Re-authorize',
  CONNECTION_REVOKED: 'Reconnect Zoom',
  ZOOM_SCOPE_MISSING: 'Re-authorize',
};

/** Why a page is not (or cannot be) published, with a link to where the host fixes it. */
export function PublishProblemNotice({ message, fixPath, code, role = 'status' }: {
  message: string;
  fixPath: string;
  code: PublishProblemCode | undefined;
  role?: 'status' | 'alert';
}) {
  const label = code ? fixLabels[code] : 'Re-authorize';
  return (
    <div className="notice notice--warning publish-problem" role={role}>
      <p>
        <strong>Not published.</strong> {message}
      </p>
      {/* In-app paths navigate without a reload; anything else is an ordinary link. */}
      {fixPath.startsWith('/') ? <Link to={fixPath}>{label}</Link> : <a href={fixPath}>{label}</a>}
    </div>
  );
}
