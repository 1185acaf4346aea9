-- Integrations book on a customer's behalf (POST /booking-pages/{id}/bookings).
-- notify_customer is false when the integration tells the customer itself: Confer then emails the
-- customer nothing about the booking (the host still hears of it).
ALTER TABLE bookings ADD COLUMN notify_customer boolean NOT NULL DEFAULT true;

-- Idempotency-Key → the booking it made, per host, for as long as the booking exists: a retry with
-- the same key and request gets that booking again instead of a second one; `request_hash` tells a
-- retry from another request under the same key, which is refused.
CREATE TABLE booking_idempotency_keys (
  host_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (host_user_id, idempotency_key)
);
CREATE INDEX booking_idempotency_keys_booking ON booking_idempotency_keys (booking_id);
