-- People, folders and the Zoom connections they own. Secrets are stored sealed (see
-- src/core/crypto/envelope.ts): every *_sealed column holds an AES-256-GCM envelope bound to its
-- table, row id and column, never plain text.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND position('@' in email) > 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  time_zone text NOT NULL DEFAULT 'UTC',
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The cookie carries a random token; only its SHA-256 is kept, so a database leak opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed sign-ins per key (email, or address) and window, so the limit holds across processes.
CREATE TABLE sign_in_failures (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

CREATE TABLE folders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE folder_members (
  folder_id uuid NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('folder_admin', 'member')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (folder_id, user_id)
);
CREATE INDEX folder_members_user_id ON folder_members (user_id);

-- A folder's references to secrets kept elsewhere: env:NAME, file:/path or vault:mount/path#field.
CREATE TABLE credential_assets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  folder_id uuid NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  reference text NOT NULL CHECK (reference ~ '^(env:[A-Za-z_][A-Za-z0-9_]*|file:/.+|vault:[^/#]+/[^#]+#.+)$'),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (folder_id, name)
);

-- A folder's own Zoom OAuth app ("Bring your own OAuth 2.0 app"). Confer's app lives in config.
CREATE TABLE oauth_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  folder_id uuid NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
  client_id text NOT NULL,
  client_secret_sealed text,
  client_secret_asset_id uuid REFERENCES credential_assets (id) ON DELETE RESTRICT,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((client_secret_sealed IS NULL) <> (client_secret_asset_id IS NULL))
);

-- One token pair per (OAuth app, Zoom user): Zoom keeps only the latest authorization of a user
-- for an app alive, so every connection of that user through that app shares this row.
CREATE TABLE zoom_token_families (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id text NOT NULL,
  zoom_user_id text NOT NULL,
  zoom_account_id text NOT NULL,
  oauth_client_id uuid REFERENCES oauth_clients (id) ON DELETE SET NULL,
  access_token_sealed text NOT NULL,
  refresh_token_sealed text NOT NULL,
  access_expires_at timestamptz NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  scopes text[] NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauthorization', 'revoked')),
  last_error text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, zoom_user_id)
);

CREATE TABLE connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  connector text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  auth_type text NOT NULL CHECK (auth_type IN ('oauth_authorization_code', 'byo_oauth_app')),
  -- A personal connection belongs to owner_user_id alone; a folder connection to its folder.
  owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  folder_id uuid REFERENCES folders (id) ON DELETE CASCADE,
  shared boolean NOT NULL DEFAULT false,
  oauth_client_id uuid REFERENCES oauth_clients (id) ON DELETE SET NULL,
  client_id text NOT NULL,
  token_family_id uuid REFERENCES zoom_token_families (id) ON DELETE SET NULL,
  zoom_user_id text,
  zoom_account_id text,
  zoom_email text,
  zoom_name text,
  scopes text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauthorization', 'revoked')),
  last_used_at timestamptz,
  last_error text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connections_folder_id ON connections (folder_id);
CREATE INDEX connections_owner_user_id ON connections (owner_user_id);
CREATE INDEX connections_token_family_id ON connections (token_family_id);
-- Connecting the same Zoom user again on the same target updates that connection in place.
CREATE UNIQUE INDEX connections_one_per_zoom_user_and_target
  ON connections (connector, client_id, zoom_user_id, COALESCE(folder_id::text, 'personal:' || owner_user_id::text))
  WHERE zoom_user_id IS NOT NULL;

-- An OAuth authorization in flight. Only the state's hash is kept; single use, 10 minutes.
CREATE TABLE oauth_states (
  state_hash text PRIMARY KEY,
  session_token_hash text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  folder_id uuid REFERENCES folders (id) ON DELETE CASCADE,
  auth_type text NOT NULL,
  client_id text NOT NULL,
  oauth_client_id uuid REFERENCES oauth_clients (id) ON DELETE CASCADE,
  connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
  connection_name text,
  code_verifier_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- What happened to connections, for folder admins.
CREATE TABLE connection_events (
  id bigserial PRIMARY KEY,
  connection_id uuid REFERENCES connections (id) ON DELETE SET NULL,
  folder_id uuid REFERENCES folders (id) ON DELETE CASCADE,
  owner_user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'authorized', 'reauthorized', 'refresh_failed', 'needs_reauthorization', 'revoked', 'deleted', 'tested', 'renamed', 'shared')),
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connection_events_connection_id ON connection_events (connection_id, created_at DESC);
CREATE INDEX connection_events_folder_id ON connection_events (folder_id, created_at DESC);

-- Zoom webhook deliveries already accepted, so a retried delivery is processed once.
CREATE TABLE zoom_webhook_receipts (
  fingerprint text PRIMARY KEY,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
