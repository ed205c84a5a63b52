-- csv.sql - what `smalog import` and `smalog export` need beyond the record statements.

-- name: csv.import_seen
-- The latest import of the same content as the same kind, if any.
SELECT file, rows, imported_at FROM import_log WHERE kind = :kind AND sha256 = :sha256 ORDER BY id DESC LIMIT 1
-- name: csv.import_log
INSERT INTO import_log (kind, sha256, file, rows) VALUES (:kind, :sha256, :file, :rows)
-- name: csv.read_begin
-- One read transaction, so `export --all` writes every kind from the same snapshot.
BEGIN DEFERRED
-- name: csv.import_cache
-- A bigger page cache while a file loads into a table that keeps its
-- indexes: fewer index pages go back and forth to disk (8 MiB, so the
-- whole import stays well under 16 MB).
PRAGMA cache_size = -8192
-- How many records a table holds (KIND.count, to choose how to load it)
-- and a record's uid (KIND.uid_of, set_uid, by_uid) are made from the
-- kind's description (src/kind_sql.c).

-- Every record as KIND.get reads it, in id order: what an import compares
-- its rows with (export itself writes KIND.export_rows, below).
-- name: source.export
SELECT id, key, outlet, title, url, published, notes FROM source ORDER BY id
-- name: round.export
SELECT id, agreement, seq, start, "end", location, format, negotiators, source, notes FROM round ORDER BY id
-- name: position.export
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx FROM position ORDER BY id
-- name: outcome.export
SELECT id, agreement, round, date, kind, source, notes FROM outcome ORDER BY id
-- name: furlough.export
SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx FROM furlough ORDER BY id
-- name: rate.export
SELECT id, date, currency, per_usd_e4, source, notes FROM rate ORDER BY id
-- name: schedule.export
SELECT id, agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx
FROM schedule ORDER BY id
-- name: index.export
SELECT id, series, period, value_e4, unit, source, notes FROM "index" ORDER BY id
-- name: actor.export
SELECT id, key, name, party, role, notes FROM actor ORDER BY id
-- name: statement.export
SELECT id, date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes, amount_approx
FROM statement ORDER BY id
-- name: agreement.export
-- Agreements after the agreement each names as `previous`, so an import
-- can load them in order: by depth along that chain, then id.  The depth is
-- counted down from the agreements that name no previous one (or one that
-- is missing), each agreement reached once through agreement_by_previous,
-- so a chain of any length costs time in proportion to it.  An agreement in
-- a cycle is reached from no start; it comes last rather than being left
-- out (`check` reports the cycle).
WITH RECURSIVE chain(code, depth) AS (
	SELECT code, 0 FROM agreement
	WHERE previous IS NULL OR NOT EXISTS (SELECT 1 FROM agreement p WHERE p.code = agreement.previous)
	UNION ALL
	SELECT a.code, chain.depth + 1 FROM chain JOIN agreement a ON a.previous = chain.code
)
SELECT a.id, a.code, a.title, a.parties, a.currency, a.total, a.baseline, a.previous, a.start_year, a.end_year,
	a.signed, a.source, a.notes, a.total_approx, a.baseline_approx
FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.id

-- Rows already recorded.  A kind with a natural key has KIND.natural
-- (made from its description, src/kind_sql.c): the record holding the
-- row's key, if any (through the key's UNIQUE index, so never a scan,
-- whatever the import drops).  The other kinds have
-- KIND.same: the records that share the row's most telling fields, through
-- one of the kind's indexes (:date_key and :start_key are the sort keys of
-- the row's date and start), for the import to compare field by field.
-- Columns as in KIND.get.  Parameters are the kind's columns, bound by name.
-- name: statement.same
SELECT id, date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes, amount_approx
FROM statement WHERE actor = :actor AND date_key = :date_key ORDER BY id
-- name: position.same
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx
FROM position WHERE agreement = :agreement AND party = :party AND date_key = :date_key ORDER BY id
-- name: outcome.same
SELECT id, agreement, round, date, kind, source, notes FROM outcome
WHERE agreement = :agreement AND date_key = :date_key ORDER BY id
-- name: furlough.same
SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx FROM furlough
WHERE agreement = :agreement AND start_key = :start_key ORDER BY id
-- name: csv.defaults
-- What the schema fills in for an absent value (agreement.currency KRW,
-- position.confidence reported), so that a row is compared as it is stored.
SELECT name, dflt_value FROM pragma_table_info(:table) WHERE dflt_value IS NOT NULL ORDER BY cid

-- uid: every record's permanent name across files (0008_uid.sql), for
-- export, import and import --all --replace.  KIND.canonical is the order
-- of `export`: by what the record is, never by its id (which differs
-- between two researchers' files), so the same records give the same
-- bytes in every file.  Each kind sorts by its natural key, where it has
-- one; else by agreement and date, then by what tells two records of the
-- same date apart, and last by uid, so that no two rows tie.  Agreements
-- come after the agreement each names as `previous` (by depth along that
-- chain, as an import needs them), then by code.  Dates sort as the
-- reports sort them (date_key: a coarser date before a finer one on the
-- same day), then by their text (2020-03 before 2020-03~).
-- name: agreement.canonical
WITH RECURSIVE chain(code, depth) AS (
	SELECT code, 0 FROM agreement
	WHERE previous IS NULL OR NOT EXISTS (SELECT 1 FROM agreement p WHERE p.code = agreement.previous)
	UNION ALL
	SELECT a.code, chain.depth + 1 FROM chain JOIN agreement a ON a.previous = chain.code
)
SELECT a.id, a.uid FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.code
-- name: source.canonical
SELECT id, uid FROM source ORDER BY key
-- name: round.canonical
SELECT id, uid FROM round ORDER BY agreement, seq
-- name: position.canonical
SELECT id, uid FROM position ORDER BY agreement, date_key, date, party, kind, uid
-- name: outcome.canonical
SELECT id, uid FROM outcome ORDER BY agreement, date_key, date, kind, uid
-- name: furlough.canonical
SELECT id, uid FROM furlough ORDER BY agreement, start_key, start, uid
-- name: rate.canonical
SELECT id, uid FROM rate ORDER BY currency, date_key, date
-- name: schedule.canonical
SELECT id, uid FROM schedule ORDER BY agreement, year
-- name: index.canonical
SELECT id, uid FROM "index" ORDER BY series, period
-- name: actor.canonical
SELECT id, uid FROM actor ORDER BY key
-- name: statement.canonical
SELECT id, uid FROM statement ORDER BY date_key, date, actor, uid
-- name: csv.seen_create
-- The hashes of the records that an import which dropped the indexes has
-- seen, to find a row recorded already: in the temp database, which SQLite
-- keeps on disk past its page cache, so memory stays flat.
CREATE TEMP TABLE IF NOT EXISTS import_seen (hash INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (hash, id))
WITHOUT ROWID
-- name: csv.seen_clear
DELETE FROM temp.import_seen
-- name: csv.seen_add
INSERT INTO temp.import_seen (hash, id) VALUES (:hash, :id)
-- name: csv.seen_find
SELECT id FROM temp.import_seen WHERE hash = :hash ORDER BY id
-- What `export` writes, in one ordered pass: every record as KIND.get
-- reads it, then its uid, in KIND.canonical's order (the same ORDER BY,
-- so that the two can never disagree about the order of a file).  The
-- ties that KIND.canonical breaks by uid, these break the same way.
-- name: agreement.export_rows
WITH RECURSIVE chain(code, depth) AS (
	SELECT code, 0 FROM agreement
	WHERE previous IS NULL OR NOT EXISTS (SELECT 1 FROM agreement p WHERE p.code = agreement.previous)
	UNION ALL
	SELECT a.code, chain.depth + 1 FROM chain JOIN agreement a ON a.previous = chain.code
)
SELECT a.id, a.code, a.title, a.parties, a.currency, a.total, a.baseline, a.previous, a.start_year, a.end_year,
	a.signed, a.source, a.notes, a.total_approx, a.baseline_approx, a.uid
FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.code
-- name: source.export_rows
SELECT id, key, outlet, title, url, published, notes, uid FROM source ORDER BY key
-- name: round.export_rows
SELECT id, agreement, seq, start, "end", location, format, negotiators, source, notes, uid FROM round ORDER BY agreement, seq
-- name: position.export_rows
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx, uid
FROM position ORDER BY agreement, date_key, date, party, kind, uid
-- name: outcome.export_rows
SELECT id, agreement, round, date, kind, source, notes, uid FROM outcome ORDER BY agreement, date_key, date, kind, uid
-- name: furlough.export_rows
SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx, uid
FROM furlough ORDER BY agreement, start_key, start, uid
-- name: rate.export_rows
SELECT id, date, currency, per_usd_e4, source, notes, uid FROM rate ORDER BY currency, date_key, date
-- name: schedule.export_rows
SELECT id, agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx, uid
FROM schedule ORDER BY agreement, year
-- name: index.export_rows
SELECT id, series, period, value_e4, unit, source, notes, uid FROM "index" ORDER BY series, period
-- name: actor.export_rows
SELECT id, key, name, party, role, notes, uid FROM actor ORDER BY key
-- name: statement.export_rows
SELECT id, date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes, amount_approx, uid
FROM statement ORDER BY date_key, date, actor, uid
-- The uid of a record; set when an import brings one; the record that holds one.
-- name: agreement.uid_of
SELECT uid FROM agreement WHERE id = :id
-- name: agreement.set_uid
UPDATE agreement SET uid = :uid WHERE id = :id
-- name: agreement.by_uid
SELECT id FROM agreement WHERE uid = :uid
-- name: source.uid_of
SELECT uid FROM source WHERE id = :id
-- name: source.set_uid
UPDATE source SET uid = :uid WHERE id = :id
-- name: source.by_uid
SELECT id FROM source WHERE uid = :uid
-- name: round.uid_of
SELECT uid FROM round WHERE id = :id
-- name: round.set_uid
UPDATE round SET uid = :uid WHERE id = :id
-- name: round.by_uid
SELECT id FROM round WHERE uid = :uid
-- name: position.uid_of
SELECT uid FROM position WHERE id = :id
-- name: position.set_uid
UPDATE position SET uid = :uid WHERE id = :id
-- name: position.by_uid
SELECT id FROM position WHERE uid = :uid
-- name: outcome.uid_of
SELECT uid FROM outcome WHERE id = :id
-- name: outcome.set_uid
UPDATE outcome SET uid = :uid WHERE id = :id
-- name: outcome.by_uid
SELECT id FROM outcome WHERE uid = :uid
-- name: furlough.uid_of
SELECT uid FROM furlough WHERE id = :id
-- name: furlough.set_uid
UPDATE furlough SET uid = :uid WHERE id = :id
-- name: furlough.by_uid
SELECT id FROM furlough WHERE uid = :uid
-- name: rate.uid_of
SELECT uid FROM rate WHERE id = :id
-- name: rate.set_uid
UPDATE rate SET uid = :uid WHERE id = :id
-- name: rate.by_uid
SELECT id FROM rate WHERE uid = :uid
-- name: schedule.uid_of
SELECT uid FROM schedule WHERE id = :id
-- name: schedule.set_uid
UPDATE schedule SET uid = :uid WHERE id = :id
-- name: schedule.by_uid
SELECT id FROM schedule WHERE uid = :uid
-- name: index.uid_of
SELECT uid FROM "index" WHERE id = :id
-- name: index.set_uid
UPDATE "index" SET uid = :uid WHERE id = :id
-- name: index.by_uid
SELECT id FROM "index" WHERE uid = :uid
-- name: actor.uid_of
SELECT uid FROM actor WHERE id = :id
-- name: actor.set_uid
UPDATE actor SET uid = :uid WHERE id = :id
-- name: actor.by_uid
SELECT id FROM actor WHERE uid = :uid
-- name: statement.uid_of
SELECT uid FROM statement WHERE id = :id
-- name: statement.set_uid
UPDATE statement SET uid = :uid WHERE id = :id
-- name: statement.by_uid
SELECT id FROM statement WHERE uid = :uid
