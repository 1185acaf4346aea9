import { apiRequest } from '../api/client.ts';

export type ApiKeyAccess = 'read' | 'write';

/** An API key as `/api/v1/api-keys` shows it: never its secret. */
export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the secret, to tell keys apart. */
  prefix: string;
  kind: 'user' | 'folder';
  folderId: string | null;
  folderIds: string[];
  personal: boolean;
  access: ApiKeyAccess;
  createdBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer that creates a key, the only one that carries its secret. */
export interface CreatedApiKey extends ApiKey {
  secret: string;
}

/** What a new key is for: either a user key (personal and/or folders) or a folder key. */
export type NewApiKey =
  | { name: string; access: ApiKeyAccess; personal: boolean; folderIds: string[]; expiresAt?: string }
  | { name: string; access: ApiKeyAccess; folderId: string; expiresAt?: string };

export const apiKeysApi = {
  list: () => apiRequest<{ apiKeys: ApiKey[] }>('GET', '/api-keys').then((r) => r.apiKeys),
  create: (key: NewApiKey) => apiRequest<CreatedApiKey>('POST', '/api-keys', { body: key }),
  revoke: (id: string) => apiRequest<ApiKey>('DELETE', `/api-keys/${id}`),
};
