-- Idempotency-Key of the Zoom actions' meeting create: one row per (connection, key) for 24 hours.
-- `request_hash` tells a retry from another request under the same key; `marker` goes into the
-- meeting's agenda so a create whose answer was lost can be found in Zoom instead of made twice.
-- `response` is the answer already given (a meeting without its start link: nothing secret), replayed
-- as is. While `in_progress`, `lease_until` says how long the attempt counts as alive; past it (the
-- process died) the attempt's outcome is as unknown as `outcome_unknown`.
CREATE TABLE zoom_idempotency_keys (
  connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  marker text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'outcome_unknown', 'done')),
  lease_until timestamptz,
  zoom_meeting_id text,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (connection_id, idempotency_key),
  CHECK (state <> 'done' OR (zoom_meeting_id IS NOT NULL AND response IS NOT NULL))
);
CREATE INDEX zoom_idempotency_keys_expiry ON zoom_idempotency_keys (expires_at);
