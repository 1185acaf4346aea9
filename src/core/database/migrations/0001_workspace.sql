-- The workspace this Confer installation serves. One row at most: created by first-run setup.
CREATE TABLE workspace (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_at timestamptz NOT NULL DEFAULT now()
);
