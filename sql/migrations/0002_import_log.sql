-- 0002_import_log.sql - remembers every imported file by its SHA-256, so the
-- same content is not loaded twice by mistake (`smalog import --again`).

CREATE TABLE import_log (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
	file        TEXT NOT NULL,
	rows        INTEGER NOT NULL CHECK (rows >= 0),
	imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX import_log_by_sha ON import_log (kind, sha256);
