-- 0001_initial.sql - the seven record kinds of smalog.
--
-- References use natural keys (agreement code, round seq, source keys) so
-- that `SELECT * FROM position` in any SQLite tool reads like the CSV.
-- Dates are stored as entered (EDTF level 1: 2019, 2019-11, 2019-11-05,
-- each optionally followed by ~ ? %); each sortable date has a generated
-- *_key column YYYYMMDDP (first day of the period, P = 1 year, 2 month,
-- 3 day precision) so a coarser date sorts before a finer one on that day.
-- Percentages and rates are exact integers (pct_bp: hundredths of a
-- percent; per_usd_e4: ten-thousandths); the plain columns beside them are
-- generated for reading only.  `source` holds cited source keys joined by
-- ';', checked by smalog on every write.
--
-- CHECK constraints avoid `x IN (a, b, c)`: with three or more constants
-- SQLite builds a temporary table for it on every INSERT, a quarter of the
-- cost of a bulk import.  A date's text is 4, 7 or 10 characters long
-- (YYYY, YYYY-MM, YYYY-MM-DD) before its qualifier: `% 3 = 1 AND BETWEEN`.

CREATE TABLE agreement (
	id          INTEGER PRIMARY KEY,
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

CREATE TABLE source (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 128 AND instr(key, ';') = 0),
	outlet      TEXT NOT NULL,
	title       TEXT,
	url         TEXT,
	published   TEXT CHECK (length(rtrim(published, '~?%')) % 3 = 1 AND length(rtrim(published, '~?%')) BETWEEN 4 AND 10),
	notes       TEXT
) STRICT;

CREATE TABLE round (
	id          INTEGER PRIMARY KEY,
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

CREATE TABLE position (
	id          INTEGER PRIMARY KEY,
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

CREATE TABLE outcome (
	id          INTEGER PRIMARY KEY,
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

CREATE TABLE furlough (
	id          INTEGER PRIMARY KEY,
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

CREATE TABLE rate (
	id          INTEGER PRIMARY KEY,
	date        TEXT NOT NULL CHECK (length(rtrim(date, '~?%')) % 3 = 1 AND length(rtrim(date, '~?%')) BETWEEN 4 AND 10),
	currency    TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	per_usd_e4  INTEGER NOT NULL CHECK (per_usd_e4 > 0),
	date_key    INTEGER GENERATED ALWAYS AS (
		CAST(substr(date, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(date, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(date, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(date, '~?%')) + 2) / 4) STORED,
	per_usd     ANY GENERATED ALWAYS AS (per_usd_e4 / 10000.0) VIRTUAL,
	UNIQUE (currency, date)
) STRICT;

-- What the reports and reference checks look up.
CREATE INDEX position_by_agreement_date ON position (agreement, date_key, id);
CREATE INDEX position_by_party ON position (agreement, party, date_key, id);
CREATE INDEX position_by_round ON position (agreement, round);
CREATE INDEX round_by_start ON round (agreement, start_key);
CREATE INDEX outcome_by_agreement_date ON outcome (agreement, date_key, id);
CREATE INDEX outcome_by_round ON outcome (agreement, round);
CREATE INDEX furlough_by_agreement_start ON furlough (agreement, start_key);
CREATE INDEX rate_by_currency_date ON rate (currency, date_key);
CREATE INDEX agreement_by_previous ON agreement (previous);
