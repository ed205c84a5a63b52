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

-- KIND.export (every record as KIND.get reads it, in id order: what an
-- import compares its rows with), KIND.canonical and KIND.export_rows
-- (below) are made from the kind's description (src/kind_sql.c, its
-- `order`), but for agreements, whose order follows their chain; so are
-- KIND.export_sorted, export_rows read in one sort, and KIND.order_sample,
-- with which export chooses between the two (src/rows.c).
-- name: agreement.export
-- Agreements after the agreement each names as `previous`, so an import
-- can load them in order: by depth along that chain (@CHAIN), then id.  An
-- agreement in a cycle comes last rather than being left out (`check`
-- reports the cycle).
@CHAIN(agreement)
SELECT a.id, a.code, a.title, a.parties, a.currency, a.total, a.baseline, a.previous, a.start_year, a.end_year,
	a.signed, a.source, a.notes, a.total_approx, a.baseline_approx
FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.id

-- Rows already recorded.  A kind with a natural key has KIND.natural
-- (made from its description, src/kind_sql.c): the record holding the
-- row's key, if any (through the key's UNIQUE index, so never a scan,
-- whatever the import drops).  The other kinds have KIND.identical (made
-- there too): the first record the same as the row, field by field, found
-- through one of the kind's indexes by the row's fields and the sort keys
-- of its dates; and, for an import that dropped the indexes, KIND.repeats
-- after the load.
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
@CHAIN(agreement)
SELECT a.id, a.uid FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.code
-- What `export` writes, in one ordered pass: every record as KIND.get
-- reads it, then its uid, in KIND.canonical's order (the same ORDER BY,
-- so that the two can never disagree about the order of a file).  The
-- ties that KIND.canonical breaks by uid, these break the same way.
-- name: agreement.export_rows
@CHAIN(agreement)
SELECT a.id, a.code, a.title, a.parties, a.currency, a.total, a.baseline, a.previous, a.start_year, a.end_year,
	a.signed, a.source, a.notes, a.total_approx, a.baseline_approx, a.uid
FROM agreement a LEFT JOIN chain ON chain.code = a.code
ORDER BY chain.depth IS NULL, chain.depth, a.code
-- name: csv.foreign_keys_off
-- For an import in a transaction of its own, which proves every reference
-- before its insert (import.c, check_references): SQLite would prove each
-- again per row, and keep a journal of each statement to undo it alone.
-- Only outside a transaction: SQLite ignores it inside one.
PRAGMA foreign_keys = OFF
-- name: csv.foreign_keys_on
PRAGMA foreign_keys = ON
