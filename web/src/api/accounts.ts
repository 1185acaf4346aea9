import { apiRequest } from './client.ts';

export type Role = 'owner' | 'admin' | 'member';
export type FolderRole = 'folder_admin' | 'member';

/** The signed-in user. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  workspaceName: string | null;
}

export interface User { id: string; email: string; name: string; role: Role; createdAt: string }
export interface Folder { id: string; name: string; role: FolderRole; createdAt: string }
export interface Member { userId: string; name: string; email: string; role: FolderRole }

export const accountsApi = {
  me: () => apiRequest<Me>('GET', '/me'),
  signIn: (email: string, password: string) => apiRequest<Me>('POST', '/session', { body: { email, password } }),
  signOut: () => apiRequest<void>('DELETE', '/session'),
  users: () => apiRequest<{ users: User[] }>('GET', '/users').then((r) => r.users),
  createUser: (user: { name: string; email: string; role: Role; password: string }) => apiRequest<User>('POST', '/users', { body: user }),
  folders: () => apiRequest<{ folders: Folder[] }>('GET', '/folders').then((r) => r.folders),
  folder: (id: string) => apiRequest<Folder>('GET', `/folders/${id}`),
  createFolder: (name: string) => apiRequest<Folder>('POST', '/folders', { body: { name } }),
  members: (folderId: string) => apiRequest<{ members: Member[] }>('GET', `/folders/${folderId}/members`).then((r) => r.members),
  addMember: (folderId: string, userId: string, role: FolderRole) => apiRequest<Member>('POST', `/folders/${folderId}/members`, { body: { userId, role } }),
  removeMember: (folderId: string, userId: string) => apiRequest<void>('DELETE', `/folders/${folderId}/members/${userId}`),
};
