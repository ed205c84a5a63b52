-- 0005_ids_for_life.sql - every record keeps its id for life, and rates
-- cite their sources.
--
-- A table's ids come from INTEGER PRIMARY KEY, which hands out max(id) + 1:
-- delete the last records and their ids are given again, so an id written
-- in a paper's notes could come to mean another record.  AUTOINCREMENT
-- never reuses one (sqlite_sequence remembers the highest ever used), and
-- only a table's definition can ask for it, so each kind's table is built
-- again: every row with its id, every CHECK, index and STRICT as before.
-- sqlite_sequence starts at each table's max(id), the highest id that a file
-- of an earlier version can show to have been used.
--
-- `rate` gains `source` (cited keys, checked by smalog as for every kind)
-- and `notes`.
--
-- The upgrade runs in one transaction with foreign keys on, where
-- PRAGMA foreign_keys cannot change, so references are deferred: dropping a
-- referenced table counts one violation per record that refers to it, and
-- putting its rows back into the new table, under the same name, counts
-- each of them off again before the commit checks the count.  Rows wait in
-- a temporary table meanwhile; no table is renamed, so no reference, view
-- or trigger is rewritten.
--
-- A file may hold references that were already broken (written by a tool
-- with foreign keys off): putting such a row back counts a violation, and
-- SQLite counts one off when the row is deleted only while the count is
-- above zero.  So one violation of our own is held open for the whole
-- rebuild (migrating_hold names a missing migrating_key) and closed at the
-- end: every old row dropped then counts off what putting it back counts,
-- and the upgrade leaves the file's references exactly as they were.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE migrating_key (key TEXT PRIMARY KEY);
CREATE TABLE migrating_hold (key TEXT REFERENCES migrating_key (key));
INSERT INTO migrating_hold (key) VALUES ('held');

-- agreement
CREATE TEMP TABLE migrating_agreement AS SELECT id, code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes FROM main.agreement;
DROP TABLE main.agreement;
CREATE TABLE agreement (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
	title       TEXT,
	parties     TEXT,
	currency    TEXT NOT NULL DEFAULT 'KRW' CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	total       INTEGER CHECK (total >= 0),
	baseline    INTEGER CHECK (baseline >= 0),
	previous    TEXT REFERENCES agreement (code) ON UPDATE CASCADE,
	start_year  INTEGER CHECK (start_year BETWEEN 1 AND 9999),
	end_year    INTEGER CHECK (end_year BETWEEN 1 AND 9999 AND end_year >= start_year),
	signed      TEXT CHECK (length(rtrim(signed, '~?%')) % 3 = 1 AND length(rtrim(signed, '~?%')) BETWEEN 4 AND 10),
	source      TEXT,
	notes       TEXT,
	CHECK (previous IS NULL OR previous <> code)
) STRICT;
INSERT INTO main.agreement (id, code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes) SELECT id, code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes FROM migrating_agreement ORDER BY id;
DROP TABLE migrating_agreement;

-- source
CREATE TEMP TABLE migrating_source AS SELECT id, key, outlet, title, url, published, notes FROM main.source;
DROP TABLE main.source;
CREATE TABLE source (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 128 AND instr(key, ';') = 0),
	outlet      TEXT NOT NULL,
	title       TEXT,
	url         TEXT,
	published   TEXT CHECK (length(rtrim(published, '~?%')) % 3 = 1 AND length(rtrim(published, '~?%')) BETWEEN 4 AND 10),
	notes       TEXT
) STRICT;
INSERT INTO main.source (id, key, outlet, title, url, published, notes) SELECT id, key, outlet, title, url, published, notes FROM migrating_source ORDER BY id;
DROP TABLE migrating_source;

-- round
CREATE TEMP TABLE migrating_round AS SELECT id, agreement, seq, start, "end", location, format, source, notes FROM main.round;
DROP TABLE main.round;
CREATE TABLE round (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement   TEXT NOT NULL REFERENCES agreement (code) ON UPDATE CASCADE,
	seq         INTEGER NOT NULL CHECK (seq >= 1),
	start       TEXT NOT NULL CHECK (length(rtrim(start, '~?%')) % 3 = 1 AND length(rtrim(start, '~?%')) BETWEEN 4 AND 10),
	"end"       TEXT CHECK (length(rtrim("end", '~?%')) % 3 = 1 AND length(rtrim("end", '~?%')) BETWEEN 4 AND 10),
	location    TEXT,
	format      TEXT CHECK (format = 'in-person' OR format = 'video' OR format = 'phone'),
	source      TEXT,
	notes       TEXT,
	start_key   INTEGER GENERATED ALWAYS AS (
		CAST(substr(start, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(start, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(start, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(start, '~?%')) + 2) / 4) STORED,
	end_key     INTEGER GENERATED ALWAYS AS (
		CAST(substr("end", 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr("end", 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr("end", 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim("end", '~?%')) + 2) / 4) STORED,
	UNIQUE (agreement, seq)
) STRICT;
INSERT INTO main.round (id, agreement, seq, start, "end", location, format, source, notes) SELECT id, agreement, seq, start, "end", location, format, source, notes FROM migrating_round ORDER BY id;
DROP TABLE migrating_round;

-- position
CREATE TEMP TABLE migrating_position AS SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes FROM main.position;
DROP TABLE main.position;
CREATE TABLE position (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement   TEXT NOT NULL REFERENCES agreement (code) ON UPDATE CASCADE,
	round       INTEGER,
	date        TEXT NOT NULL CHECK (length(rtrim(date, '~?%')) % 3 = 1 AND length(rtrim(date, '~?%')) BETWEEN 4 AND 10),
	party       TEXT NOT NULL CHECK (party GLOB '[A-Z][A-Z]'),
	kind        TEXT NOT NULL CHECK (kind IN ('offer', 'demand')),
	amount      INTEGER CHECK (amount >= 0),
	currency    TEXT CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	pct_bp      INTEGER,
	years       INTEGER CHECK (years BETWEEN 1 AND 100),
	confidence  TEXT NOT NULL DEFAULT 'reported' CHECK (confidence = 'confirmed' OR confidence = 'reported' OR confidence = 'rumored'),
	terms       TEXT,
	source      TEXT,
	notes       TEXT,
	date_key    INTEGER GENERATED ALWAYS AS (
		CAST(substr(date, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(date, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(date, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(date, '~?%')) + 2) / 4) STORED,
	pct         ANY GENERATED ALWAYS AS (pct_bp / 100.0) VIRTUAL,
	CHECK (amount IS NOT NULL OR pct_bp IS NOT NULL),
	FOREIGN KEY (agreement, round) REFERENCES round (agreement, seq) ON UPDATE CASCADE
) STRICT;
INSERT INTO main.position (id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes) SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes FROM migrating_position ORDER BY id;
DROP TABLE migrating_position;

-- outcome
CREATE TEMP TABLE migrating_outcome AS SELECT id, agreement, round, date, kind, source, notes FROM main.outcome;
DROP TABLE main.outcome;
CREATE TABLE outcome (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement   TEXT NOT NULL REFERENCES agreement (code) ON UPDATE CASCADE,
	round       INTEGER,
	date        TEXT NOT NULL CHECK (length(rtrim(date, '~?%')) % 3 = 1 AND length(rtrim(date, '~?%')) BETWEEN 4 AND 10),
	kind        TEXT NOT NULL CHECK (kind = 'stalled' OR kind = 'walkout' OR kind = 'rejected' OR kind = 'tentative'
				OR kind = 'initialed' OR kind = 'signed' OR kind = 'ratified' OR kind = 'expired' OR kind = 'extended'),
	source      TEXT,
	notes       TEXT,
	date_key    INTEGER GENERATED ALWAYS AS (
		CAST(substr(date, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(date, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(date, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(date, '~?%')) + 2) / 4) STORED,
	FOREIGN KEY (agreement, round) REFERENCES round (agreement, seq) ON UPDATE CASCADE
) STRICT;
INSERT INTO main.outcome (id, agreement, round, date, kind, source, notes) SELECT id, agreement, round, date, kind, source, notes FROM migrating_outcome ORDER BY id;
DROP TABLE migrating_outcome;

-- furlough
CREATE TEMP TABLE migrating_furlough AS SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes FROM main.furlough;
DROP TABLE main.furlough;
CREATE TABLE furlough (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement   TEXT NOT NULL REFERENCES agreement (code) ON UPDATE CASCADE,
	start       TEXT NOT NULL CHECK (length(rtrim(start, '~?%')) % 3 = 1 AND length(rtrim(start, '~?%')) BETWEEN 4 AND 10),
	"end"       TEXT CHECK (length(rtrim("end", '~?%')) % 3 = 1 AND length(rtrim("end", '~?%')) BETWEEN 4 AND 10),
	workers     INTEGER NOT NULL CHECK (workers >= 1),
	stopgap     INTEGER CHECK (stopgap >= 0),
	currency    TEXT CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	source      TEXT,
	notes       TEXT,
	start_key   INTEGER GENERATED ALWAYS AS (
		CAST(substr(start, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(start, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(start, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(start, '~?%')) + 2) / 4) STORED,
	end_key     INTEGER GENERATED ALWAYS AS (
		CAST(substr("end", 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr("end", 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr("end", 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim("end", '~?%')) + 2) / 4) STORED
) STRICT;
INSERT INTO main.furlough (id, agreement, start, "end", workers, stopgap, currency, source, notes) SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes FROM migrating_furlough ORDER BY id;
DROP TABLE migrating_furlough;

-- rate
CREATE TEMP TABLE migrating_rate AS SELECT id, date, currency, per_usd_e4 FROM main.rate;
DROP TABLE main.rate;
CREATE TABLE rate (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	date        TEXT NOT NULL CHECK (length(rtrim(date, '~?%')) % 3 = 1 AND length(rtrim(date, '~?%')) BETWEEN 4 AND 10),
	currency    TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	per_usd_e4  INTEGER NOT NULL CHECK (per_usd_e4 > 0),
	source      TEXT,
	notes       TEXT,
	date_key    INTEGER GENERATED ALWAYS AS (
		CAST(substr(date, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(date, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(date, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(date, '~?%')) + 2) / 4) STORED,
	per_usd     ANY GENERATED ALWAYS AS (per_usd_e4 / 10000.0) VIRTUAL,
	UNIQUE (currency, date)
) STRICT;
INSERT INTO main.rate (id, date, currency, per_usd_e4) SELECT id, date, currency, per_usd_e4 FROM migrating_rate ORDER BY id;
DROP TABLE migrating_rate;

DELETE FROM migrating_hold;
DROP TABLE migrating_hold;
DROP TABLE migrating_key;

-- The indexes of versions 1 and 3, as they were.
CREATE INDEX position_by_agreement_date ON position (agreement, date_key, id);
CREATE INDEX position_by_party ON position (agreement, party, date_key, id);
CREATE INDEX position_by_round ON position (agreement, round);
CREATE INDEX round_by_start ON round (agreement, start_key);
CREATE INDEX outcome_by_agreement_date ON outcome (agreement, date_key, id);
CREATE INDEX outcome_by_round ON outcome (agreement, round);
CREATE INDEX furlough_by_agreement_start ON furlough (agreement, start_key);
CREATE INDEX rate_by_currency_date ON rate (currency, date_key);
CREATE INDEX agreement_by_previous ON agreement (previous);
CREATE INDEX position_by_kind ON position (agreement, kind, date_key, id);
