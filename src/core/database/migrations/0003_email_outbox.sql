-- Every email Confer sends is first a row here, committed with the change it reports, then sent by
-- a job. dedupe_key makes a second enqueue of the same message a no-op; status and lease make sure
-- two workers never both send it.
CREATE TABLE email_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  to_address text NOT NULL,
  to_name text,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  calendar_method text CHECK (calendar_method IN ('REQUEST', 'CANCEL')),
  calendar_content text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  transport text CHECK (transport IN ('smtp', 'mailbox')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  last_error text,
  message_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX email_outbox_to_address ON email_outbox (to_address, created_at DESC);
CREATE INDEX email_outbox_created_at ON email_outbox (created_at DESC);
