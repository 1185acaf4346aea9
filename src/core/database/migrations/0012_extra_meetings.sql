-- A meeting Zoom made for a booking beyond the one the booking keeps (a create whose answer was
-- lost, found only after Confer had created again) is deleted in Zoom: noted on the meeting seen
-- (so no process deletes it twice) and counted on the booking.
ALTER TABLE zoom_meetings_seen ADD COLUMN extra_deleted_at timestamptz;
ALTER TABLE bookings ADD COLUMN extra_meetings_deleted integer NOT NULL DEFAULT 0;
