-- 0008_history.sql - the change log: one change group per writing command,
-- and per row changed the operation and the values before (SPEC section 6).
--
-- The triggers that fill it are not written here: smalog derives them from
-- the tables (history.c, history_make_triggers) after every upgrade and in
-- its reference schema alike, so a new column or kind needs no hand edit.
-- They are plain SQL with the built-in JSON functions, so a write made in
-- the sqlite3 shell is recorded too: it opens a group of its own (who and
-- command NULL: "outside smalog"), which smalog seals at its next write.
--
-- There is always one open group (hash NULL), the newest: every trigger logs its row
-- against it with one INSERT, the cheapest a trigger can be, whoever
-- writes.  smalog seals it before its COMMIT (time, who, command, counts,
-- the range of its changes, hash) and opens the next; one that holds
-- changes when smalog begins to write holds writes made outside smalog
-- (the sqlite3 shell), and is sealed as theirs first, dated then.  The hash
-- is SHA-256 over the previous group's hash and this group's content, its
-- changes included, so that an edit made by hand to a sealed group shows
-- (`smalog check`).  AUTOINCREMENT: a group removed from the end leaves its
-- number in sqlite_sequence, where check sees it.
--
-- A group's changes are the consecutive ids first_change..last_change of
-- `change`, which therefore needs no index: an import pays for one row
-- per record and nothing more.  An insert logs the key only (undoing it
-- deletes the row; rewinding does too); an update or a delete logs every
-- stored column as it was, as a JSON object (generated columns follow from
-- the others).

CREATE TABLE change_group (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	at          TEXT,
	who         TEXT,
	command     TEXT,
	message     TEXT,
	undoes      INTEGER,
	added       INTEGER,
	changed     INTEGER,
	removed     INTEGER,
	first_change INTEGER,
	last_change INTEGER,
	hash        TEXT CHECK (hash IS NULL OR length(hash) = 64)
) STRICT;

-- the open group, found by every trigger on every row
CREATE INDEX change_group_open ON change_group (id) WHERE hash IS NULL;
CREATE INDEX change_group_at ON change_group (at);
CREATE INDEX change_group_undoes ON change_group (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE change (
	id          INTEGER PRIMARY KEY,
	grp         INTEGER NOT NULL,
	tbl         TEXT NOT NULL,
	row_id      INTEGER NOT NULL,
	op          TEXT NOT NULL,
	before      TEXT
) STRICT;

-- What the file already holds is the first group: every record, added.
-- smalog seals it once the upgrade is done, and opens the next.
INSERT INTO change_group (who, command, message)
SELECT 'smalog', 'smalog upgrade', 'the records the file held when its change log began'
WHERE EXISTS (SELECT 1 FROM agreement) OR EXISTS (SELECT 1 FROM source) OR EXISTS (SELECT 1 FROM round)
   OR EXISTS (SELECT 1 FROM position) OR EXISTS (SELECT 1 FROM outcome) OR EXISTS (SELECT 1 FROM furlough)
   OR EXISTS (SELECT 1 FROM rate) OR EXISTS (SELECT 1 FROM schedule) OR EXISTS (SELECT 1 FROM "index")
   OR EXISTS (SELECT 1 FROM actor) OR EXISTS (SELECT 1 FROM statement);
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'agreement', id, 'I' FROM agreement ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'source', id, 'I' FROM source ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'round', id, 'I' FROM round ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'position', id, 'I' FROM position ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'outcome', id, 'I' FROM outcome ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'furlough', id, 'I' FROM furlough ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'rate', id, 'I' FROM rate ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'schedule', id, 'I' FROM schedule ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'index', id, 'I' FROM "index" ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'actor', id, 'I' FROM actor ORDER BY id;
INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'statement', id, 'I' FROM statement ORDER BY id;
