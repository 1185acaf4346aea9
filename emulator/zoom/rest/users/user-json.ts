import type { Account, User } from '../../state/model.ts';

const userType = { free: 1, pro: 2, business: 2 } as const;
const roleName = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;
const roleId = { owner: '0', admin: '1', member: '2' } as const;

/** `GET /users/{userId}`: the fields Zoom returns for a user (type 1 Basic, 2 Licensed). */
export function userJson(user: User, account: Account, publicUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`.trim(),
    email: user.email,
    type: userType[account.plan],
    role_name: roleName[user.role],
    role_id: roleId[user.role],
    pmi: user.pmi,
    use_pmi: false,
    personal_meeting_url: `${publicUrl}/j/${user.pmi}`,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    language: 'en-US',
    status: 'active',
    account_id: account.id,
    cluster: 'us06',
    login_types: [100],
    group_ids: [],
    im_group_ids: [],
    jid: `${user.id.toLowerCase()}@xmpp.zoom.us`,
  };
}
