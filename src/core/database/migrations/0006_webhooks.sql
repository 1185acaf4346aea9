-- Outgoing webhooks. A subscription belongs to a user (events about their bookings and personal
-- connections) or to a folder (events about the folder's connections and the bookings made through
-- them); the CHECK keeps it exactly one. Its id is chosen by Confer before the insert because the
-- sealed secret's associated data names the row.
CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY,
  owner_user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  folder_id uuid REFERENCES folders (id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
  events text[] NOT NULL CHECK (cardinality(events) > 0),
  secret_sealed text NOT NULL,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  secret_rotated_at timestamptz,
  CHECK ((owner_user_id IS NULL) <> (folder_id IS NULL))
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_user_id) WHERE owner_user_id IS NOT NULL;
CREATE INDEX webhook_subscriptions_folder ON webhook_subscriptions (folder_id) WHERE folder_id IS NOT NULL;

-- One row per event and subscription, written in the transaction of the change the event reports
-- and sent by a job. dedupe_key makes a repeated publication of the same event a no-op; status and
-- lease make sure two workers never send one attempt together. last_error never holds a secret.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  event_created_at timestamptz NOT NULL,
  dedupe_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_attempt_at timestamptz,
  last_response_status integer,
  last_error text,
  last_duration_ms integer,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, dedupe_key)
);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, created_at DESC, id DESC);
