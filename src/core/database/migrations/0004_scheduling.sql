-- Booking pages, bookings and what Zoom made of them. The exclusion constraint on bookings is the
-- guard against double booking: two live bookings of one host can never hold overlapping time
-- (buffers included), whichever process inserts them, so booking is a plain INSERT that either
-- commits or fails with 23P01.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE booking_pages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  host_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
  connection_id uuid REFERENCES connections (id) ON DELETE SET NULL,
  time_zone text NOT NULL,
  weekly_hours jsonb NOT NULL,
  date_overrides jsonb NOT NULL DEFAULT '[]'::jsonb,
  buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 240),
  buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 240),
  minimum_notice_minutes integer NOT NULL DEFAULT 0 CHECK (minimum_notice_minutes BETWEEN 0 AND 525600),
  horizon_days integer NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 730),
  daily_cap integer CHECK (daily_cap IS NULL OR daily_cap >= 1),
  zoom_settings jsonb NOT NULL,
  published boolean NOT NULL DEFAULT true,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A deleted page keeps its bookings' history but frees its slug.
CREATE UNIQUE INDEX booking_pages_slug ON booking_pages (slug) WHERE deleted_at IS NULL;
CREATE INDEX booking_pages_host ON booking_pages (host_user_id);

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  page_id uuid NOT NULL REFERENCES booking_pages (id) ON DELETE RESTRICT,
  host_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  connection_id uuid REFERENCES connections (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled', 'held')),
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL CHECK (end_at > start_at),
  -- The time the booking keeps from others: start - buffer before, end + buffer after.
  blocked tstzrange NOT NULL,
  customer_name text NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 120),
  customer_email text NOT NULL CHECK (position('@' in customer_email) > 1),
  customer_time_zone text NOT NULL,
  customer_locale text NOT NULL DEFAULT 'en-US',
  notes text CHECK (notes IS NULL OR length(notes) <= 2000),
  -- Raised by every change the customer must hear about (reschedule, new meeting link); the .ics SEQUENCE.
  sequence integer NOT NULL DEFAULT 0,
  meeting_status text NOT NULL DEFAULT 'provisioning'
    CHECK (meeting_status IN ('provisioning', 'ready', 'waiting_for_zoom', 'needs_reauthorization', 'failed', 'deleted_in_zoom', 'cancelled')),
  meeting_reason text,
  zoom_meeting_id text,
  zoom_meeting_uuid text,
  zoom_host_id text,
  join_url text,
  passcode text,
  start_url_sealed text,
  -- Set before Zoom is asked to create the meeting: a later attempt that finds it set looks for the
  -- meeting Zoom may have created before its answer was lost, instead of creating a second one.
  meeting_create_started_at timestamptz,
  meeting_synced_sequence integer NOT NULL DEFAULT -1,
  zoom_deleted_at timestamptz,
  provision_attempts integer NOT NULL DEFAULT 0,
  waiting_for_zoom_since timestamptz,
  -- Which worker holds the booking's meeting work, until when: one at a time, whatever the process.
  lease_token uuid,
  lease_until timestamptz,
  -- What the customer was told: the sequence of the last invitation, and whether it carried the link.
  customer_notified_sequence integer NOT NULL DEFAULT -1,
  customer_has_link boolean NOT NULL DEFAULT false,
  host_notified_sequence integer NOT NULL DEFAULT -1,
  cancellation_notified boolean NOT NULL DEFAULT false,
  cancelled_by text CHECK (cancelled_by IN ('customer', 'host')),
  cancelled_at timestamptz,
  held_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (host_user_id WITH =, blocked WITH &&) WHERE (status <> 'cancelled')
);
CREATE INDEX bookings_page_start ON bookings (page_id, start_at);
CREATE INDEX bookings_host_start ON bookings (host_user_id, start_at);
CREATE INDEX bookings_zoom_meeting ON bookings (zoom_meeting_id) WHERE zoom_meeting_id IS NOT NULL;
CREATE INDEX bookings_connection_waiting ON bookings (connection_id) WHERE meeting_status = 'needs_reauthorization';

-- The email's reschedule and cancel links: random tokens, kept hashed, one purpose each, retired
-- once used or once the booking changes (a newer email carries new ones).
CREATE TABLE booking_links (
  token_hash text PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('reschedule', 'cancel')),
  sequence integer NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_links_booking ON booking_links (booking_id);

CREATE TABLE booking_recordings (
  id text PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  zoom_meeting_uuid text NOT NULL,
  file_type text NOT NULL,
  file_extension text NOT NULL,
  file_size bigint NOT NULL DEFAULT 0,
  recording_start timestamptz,
  recording_end timestamptz,
  download_url text NOT NULL,
  status text NOT NULL DEFAULT 'completed',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_recordings_booking ON booking_recordings (booking_id);

-- Meetings Zoom reported creating (meeting.created webhooks). When a create's answer is lost and the
-- connection may not list meetings (that needs meeting:read, which Confer's app does not ask for),
-- this is where the meeting the lost answer described is found again.
CREATE TABLE zoom_meetings_seen (
  meeting_id text PRIMARY KEY,
  meeting_uuid text NOT NULL,
  zoom_user_id text NOT NULL,
  topic text NOT NULL,
  start_time timestamptz,
  join_url text,
  passcode text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zoom_meetings_seen_host ON zoom_meetings_seen (zoom_user_id, received_at DESC);

-- Zoom allows 100 meeting create/update calls per host per UTC day; counted here so the host hears
-- about it well before the limit, whatever process made the calls.
CREATE TABLE zoom_daily_usage (
  zoom_user_id text NOT NULL,
  day date NOT NULL,
  create_update_calls integer NOT NULL DEFAULT 0,
  warned boolean NOT NULL DEFAULT false,
  PRIMARY KEY (zoom_user_id, day)
);

-- Per-second call counts per Zoom account and rate-limit category, shared by every process.
CREATE TABLE zoom_rate_windows (
  zoom_account_id text NOT NULL,
  category text NOT NULL,
  second timestamptz NOT NULL,
  calls integer NOT NULL,
  PRIMARY KEY (zoom_account_id, category, second)
);

ALTER TABLE email_outbox ADD COLUMN booking_id uuid REFERENCES bookings (id) ON DELETE SET NULL;
CREATE INDEX email_outbox_booking ON email_outbox (booking_id) WHERE booking_id IS NOT NULL;
