-- Every Zoom Marketplace app has its own webhook Secret Token: a folder's own app keeps it here,
-- sealed or as a credential asset (as its client secret), so Zoom's events for that app can be
-- verified. Either may be null: an app whose events were never set up.
ALTER TABLE oauth_clients
  ADD COLUMN webhook_secret_sealed text,
  ADD COLUMN webhook_secret_asset_id uuid REFERENCES credential_assets (id) ON DELETE RESTRICT;
