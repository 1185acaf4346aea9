-- API keys for automations. Only a SHA-256 of the secret is kept (the secret carries 256 random
-- bits, so a slow hash would add nothing); the prefix identifies a key on screen. A user key acts as
-- its user within the folders it lists (and their personal things when `personal`); a folder key acts
-- as an admin of its one folder, whoever created it.
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  folder_id uuid REFERENCES folders (id) ON DELETE CASCADE,
  folder_ids uuid[] NOT NULL DEFAULT '{}',
  personal boolean NOT NULL DEFAULT false,
  access text NOT NULL CHECK (access IN ('read', 'write')),
  prefix text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK (folder_id IS NULL OR (folder_ids = ARRAY[folder_id] AND NOT personal))
);
CREATE INDEX api_keys_created_by ON api_keys (created_by);
CREATE INDEX api_keys_folder ON api_keys (folder_id) WHERE folder_id IS NOT NULL;
