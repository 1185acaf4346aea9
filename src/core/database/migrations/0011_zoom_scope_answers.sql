-- Zoom's answers about scopes a token family's grant may or may not cover (a classic `meeting:write`
-- that Zoom describes as reading meetings too): each scope Zoom said the family lacks, with the
-- scopes the family held then (sorted). Confer asks Zoom again only after a while; a grant with
-- other scopes (a re-authorization after the app changed) voids the answer.
CREATE TABLE zoom_scope_answers (
  token_family_id uuid NOT NULL REFERENCES zoom_token_families (id) ON DELETE CASCADE,
  scope text NOT NULL,
  granted_scopes text[] NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_family_id, scope)
);

-- Zoom's Free plan caps each account's API calls per UTC day and rate-limit category (Light 6,000,
-- Medium 2,000, Heavy 1,000); Confer counts its own calls here, shared by every process.
CREATE TABLE zoom_account_daily_calls (
  zoom_account_id text NOT NULL,
  day date NOT NULL,
  category text NOT NULL,
  calls integer NOT NULL,
  PRIMARY KEY (zoom_account_id, day, category)
);
