/**
 * The permission lines Zoom's consent page shows for an app's scopes. Classic scopes use Zoom's own
 * words (as on its consent page); granular scopes (`product:action:resource[:admin]`) get words
 * built from their parts, with a few common ones spelled out.
 */

const classic: Record<string, string> = {
  'meeting:write': "View and manage current user's meetings",
  'meeting:read': "View current user's meetings",
  'recording:read': "View and manage current user's recordings",
  'recording:write': "View and manage current user's recordings",
  'user_info:read': "View current user's information",
  'user:read': "View current user's information",
  'user:write': "View and manage current user's information",
  'webinar:read': "View current user's webinars",
  'webinar:write': "View and manage current user's webinars",
};

const granular: Record<string, string> = {
  'meeting:write:meeting': "Create meetings for current user",
  'meeting:update:meeting': "Update current user's meetings",
  'meeting:delete:meeting': "Delete current user's meetings",
  'meeting:read:meeting': "View current user's meetings",
  'meeting:read:list_meetings': "View current user's list of meetings",
  'cloud_recording:read:list_recording_files': "View current user's meeting recording files",
  'cloud_recording:read:list_user_recordings': "View current user's recordings",
  'cloud_recording:read:recording': "View current user's recordings",
  'user:read:user': "View current user's information",
  'user:read:settings': "View current user's settings",
};

const verbs: Record<string, string> = {
  read: 'View',
  write: 'Create',
  update: 'Update',
  delete: 'Delete',
};

const toAdmin = (words: string): string =>
  words.replace("current user's", "all users'").replace('for current user', 'for all users');

/** The line describing one scope on the consent page. */
export function describeScope(scope: string): string {
  const admin = scope.endsWith(':admin');
  const base = admin ? scope.slice(0, -':admin'.length) : scope;
  const known = classic[base] ?? granular[base] ?? describeUnknown(base);
  return admin ? toAdmin(known) : known;
}

function describeUnknown(scope: string): string {
  const [product = scope, action = 'read', resource] = scope.split(':');
  const verb = verbs[action] ?? 'Use';
  const thing = (resource ?? product).replaceAll('_', ' ');
  return resource === undefined && action === 'write'
    ? `View and manage current user's ${thing}`
    : `${verb} current user's ${thing}`;
}

/** The consent page's list: one line per distinct description, in the app's scope order. */
export function describeScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map(describeScope))];
}
