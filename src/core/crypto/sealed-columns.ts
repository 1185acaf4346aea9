/**
 * Every column that holds a sealed secret, and the associated data that binds each ciphertext to
 * its row: `<table>:<row id>:<column>`. Code that seals or unseals a column uses `columnContext`;
 * `keys rotate` walks this list, so a new sealed column is one line here.
 */
export const sealedColumns = [
  { table: 'zoom_token_families', column: 'access_token_sealed' },
  { table: 'zoom_token_families', column: 'refresh_token_sealed' },
  { table: 'oauth_clients', column: 'client_secret_sealed' },
  { table: 'oauth_clients', column: 'webhook_secret_sealed' },
  { table: 'oauth_states', column: 'code_verifier_sealed', idColumn: 'state_hash' },
  { table: 'bookings', column: 'start_url_sealed' },
  { table: 'webhook_subscriptions', column: 'secret_sealed' },
] as const satisfies ReadonlyArray<{ table: string; column: string; idColumn?: string }>;

export type SealedColumn = (typeof sealedColumns)[number];

export const columnContext = (table: SealedColumn['table'], rowId: string, column: SealedColumn['column']): string =>
  `${table}:${rowId}:${column}`;
