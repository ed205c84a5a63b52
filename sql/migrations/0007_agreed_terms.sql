-- 0007_agreed_terms.sql - what the talks produce and who speaks: an
-- agreement's yearly schedule with its escalation rule, the published
-- series a rule follows, the people and bodies who speak, and what they say
-- in public away from the table (SPEC section 5).
--
-- The same conventions as the seven kinds before: references by natural
-- key, checked by foreign keys where the key is unique (agreement code,
-- actor key) and by smalog where it is not (a schedule's `index` names a
-- series, which holds one row per period); exact integers for figures
-- (pct as hundredths in *_bp, an index value as ten-thousandths in
-- value_e4) with generated columns beside them for reading; AUTOINCREMENT
-- so that an id is never given twice.
--
-- The kind `index` is the table "index": INDEX is an SQL keyword, so the
-- name is quoted wherever it is written (`SELECT * FROM "index"`).

CREATE TABLE schedule (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement   TEXT NOT NULL REFERENCES agreement (code) ON UPDATE CASCADE,
	year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
	amount      INTEGER CHECK (amount >= 0),
	currency    TEXT CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	"index"     TEXT CHECK (length("index") BETWEEN 1 AND 64),
	lag         INTEGER CHECK (lag BETWEEN 0 AND 10),
	cap_bp      INTEGER,
	floor_bp    INTEGER,
	source      TEXT,
	notes       TEXT,
	amount_approx INTEGER NOT NULL DEFAULT 0 CHECK (amount_approx IN (0, 1)),
	cap         ANY GENERATED ALWAYS AS (cap_bp / 100.0) VIRTUAL,
	floor       ANY GENERATED ALWAYS AS (floor_bp / 100.0) VIRTUAL,
	-- a rule's bounds mean nothing without the rule
	CHECK ("index" IS NOT NULL OR (lag IS NULL AND cap_bp IS NULL AND floor_bp IS NULL)),
	CHECK (cap_bp IS NULL OR floor_bp IS NULL OR floor_bp <= cap_bp),
	UNIQUE (agreement, year)
) STRICT;

CREATE TABLE "index" (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	series      TEXT NOT NULL CHECK (length(series) BETWEEN 1 AND 64),
	-- a year (2024) or a month (2024-03)
	period      TEXT NOT NULL CHECK (length(period) = 4 OR length(period) = 7),
	value_e4    INTEGER NOT NULL CHECK (value_e4 > 0),
	unit        TEXT,
	source      TEXT,
	notes       TEXT,
	value       ANY GENERATED ALWAYS AS (value_e4 / 10000.0) VIRTUAL,
	UNIQUE (series, period)
) STRICT;

CREATE TABLE actor (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 128 AND instr(key, ';') = 0),
	name        TEXT NOT NULL,
	party       TEXT CHECK (party GLOB '[A-Z][A-Z]'),
	role        TEXT,
	notes       TEXT
) STRICT;

CREATE TABLE statement (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	date        TEXT NOT NULL CHECK (length(rtrim(date, '~?%')) % 3 = 1 AND length(rtrim(date, '~?%')) BETWEEN 4 AND 10),
	actor       TEXT NOT NULL REFERENCES actor (key) ON UPDATE CASCADE,
	agreement   TEXT REFERENCES agreement (code) ON UPDATE CASCADE,
	party       TEXT CHECK (party GLOB '[A-Z][A-Z]'),
	amount      INTEGER CHECK (amount >= 0),
	currency    TEXT CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
	pct_bp      INTEGER,
	quote       TEXT,
	confidence  TEXT NOT NULL DEFAULT 'reported' CHECK (confidence = 'confirmed' OR confidence = 'reported' OR confidence = 'rumored'),
	source      TEXT,
	notes       TEXT,
	amount_approx INTEGER NOT NULL DEFAULT 0 CHECK (amount_approx IN (0, 1)),
	date_key    INTEGER GENERATED ALWAYS AS (
		CAST(substr(date, 1, 4) AS INTEGER) * 100000
		+ coalesce(nullif(CAST(substr(date, 6, 2) AS INTEGER), 0), 1) * 1000
		+ coalesce(nullif(CAST(substr(date, 9, 2) AS INTEGER), 0), 1) * 10
		+ (length(rtrim(date, '~?%')) + 2) / 4) STORED,
	pct         ANY GENERATED ALWAYS AS (pct_bp / 100.0) VIRTUAL
) STRICT;

-- The negotiators of a round: actor keys separated by ';', checked by
-- smalog as cited source keys are.
ALTER TABLE round ADD COLUMN negotiators TEXT;

CREATE INDEX schedule_by_index ON schedule ("index");
CREATE INDEX statement_by_agreement_date ON statement (agreement, date_key, id);
CREATE INDEX statement_by_actor ON statement (actor);
