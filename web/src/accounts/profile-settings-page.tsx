import type { Me } from '../api/accounts.ts';
import { VideoConferencingSection } from '../connections/video-conferencing-section.tsx';
import { Link } from '../router.tsx';

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

/** `/settings/profile` and `/settings/video-conferencing`: Profile settings with its sections. */
export function ProfileSettingsPage({ me, section }: { me: Me; section: 'profile' | 'video-conferencing' }) {
  return (
    <>
      <h1>Profile settings</h1>
      <div className="settings">
        <nav className="settings__nav" aria-label="Profile settings">
          <Link to="/settings/profile" aria-current={section === 'profile' ? 'page' : undefined}>Profile</Link>
          <Link to="/settings/video-conferencing" aria-current={section === 'video-conferencing' ? 'page' : undefined}>Video conferencing</Link>
        </nav>
        <div className="settings__body">
          {section === 'profile' ? (
            <section className="panel" aria-labelledby="profile-title">
              <h2 id="profile-title">Profile</h2>
              <dl className="facts">
                <dt>Name</dt><dd>{me.name}</dd>
                <dt>Email</dt><dd>{me.email}</dd>
                <dt>Role</dt><dd>{roleLabels[me.role]}</dd>
              </dl>
            </section>
          ) : (
            <VideoConferencingSection />
          )}
        </div>
      </div>
    </>
  );
}
