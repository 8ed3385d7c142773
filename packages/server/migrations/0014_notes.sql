-- The notes timeline: staff's narrative about a customer. Every edit keeps a revision; a
-- deleted note leaves the timeline (deleted_at) while its revisions and audit rows stay.

CREATE TABLE notes (
  tenant_id   text        NOT NULL,
  id          text        NOT NULL,
  customer_id text        NOT NULL,
  body        text        NOT NULL,
  pinned      boolean     NOT NULL DEFAULT false,
  -- Who wrote it: the credential's actor, and the identity edits are checked against
  -- (a secret key's id, or `staff:` and a staff session's display name).
  author_kind text        NOT NULL,
  author_id   text,
  author_name text,
  author_ref  text        NOT NULL,
  version     integer     NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- The timeline: pinned first, then newest first, deleted notes left out.
CREATE INDEX notes_timeline ON notes (tenant_id, customer_id, pinned DESC, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;

-- Every version of a note's text, seq 1 the one it was written with.
CREATE TABLE note_revisions (
  tenant_id   text        NOT NULL,
  note_id     text        NOT NULL,
  seq         integer     NOT NULL CHECK (seq > 0),
  body        text        NOT NULL,
  pinned      boolean     NOT NULL,
  actor_kind  text        NOT NULL,
  actor_id    text,
  actor_name  text,
  at          timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, note_id, seq),
  FOREIGN KEY (tenant_id, note_id) REFERENCES notes (tenant_id, id)
);
