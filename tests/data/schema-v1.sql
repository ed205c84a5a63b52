-- schema-v1.sql - a smalog database at schema version 1 (before import_log),
-- with the example's rows: the upgrade test opens it and upgrades it.
PRAGMA application_id = 1397574727;
PRAGMA user_version = 1;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
INSERT INTO agreement VALUES(1,'SMA-10','10th Special Measures Agreement','KR,US','KRW',1038900000000,960200000000,NULL,2019,2019,'2019-03-08','koreaherald-2021-02-22','One-year deal: 1.0389 trillion won for 2019 ("1.04 trillion won ($919.1 million)"); baseline is the 2018 contribution under the 9th SMA.');
INSERT INTO agreement VALUES(2,'SMA-11','11th Special Measures Agreement','KR,US','KRW',NULL,NULL,'SMA-10',2020,2025,'2021-04-08','koreaherald-2021-02-22','Talks from September 2019; the 10th SMA expired at the end of 2019.');
CREATE TABLE source (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 128 AND instr(key, ';') = 0),
	outlet      TEXT NOT NULL,
	title       TEXT,
	url         TEXT,
	published   TEXT CHECK (length(rtrim(published, '~?%')) % 3 = 1 AND length(rtrim(published, '~?%')) BETWEEN 4 AND 10),
	notes       TEXT
) STRICT;
INSERT INTO source VALUES(1,'koreaherald-2021-02-22','Korea Herald','Seoul, Washington close to striking defense cost-sharing deal',NULL,'2021-02-22','By Ahn Sung-mi. Reports CNN''s account of a near deal and Yonhap''s of the State Department''s comments.');
INSERT INTO source VALUES(2,'cnn-2021-02','CNN','US and South Korea close to a deal on the cost of US troops (as reported by the Korea Herald)',NULL,'2021-02~','Cited by the Korea Herald: a deal "just weeks away", citing multiple sources.');
INSERT INTO source VALUES(3,'yonhap-2021-02-22','Yonhap','State Department: the two sides are "making progress"',NULL,'2021-02-22~','Cited by the Korea Herald.');
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
INSERT INTO round VALUES(1,'SMA-11',1,'2019-09-24','2019-09-25','Seoul','in-person','koreaherald-2021-02-22','Talks begin: "multiple rounds of talks since September 2019".');
INSERT INTO round VALUES(2,'SMA-11',2,'2019-10-23','2019-10-24','Honolulu','in-person',NULL,NULL);
INSERT INTO round VALUES(3,'SMA-11',3,'2019-11-18','2019-11-19','Seoul','in-person',NULL,'The US delegation left the table early.');
INSERT INTO round VALUES(4,'SMA-11',4,'2019-12-03','2019-12-04','Washington','in-person',NULL,NULL);
INSERT INTO round VALUES(5,'SMA-11',5,'2019-12-17','2019-12-18','Seoul','in-person',NULL,NULL);
INSERT INTO round VALUES(6,'SMA-11',6,'2020-01-14','2020-01-15','Washington','in-person',NULL,NULL);
INSERT INTO round VALUES(7,'SMA-11',7,'2020-03-17','2020-03-19','Los Angeles','in-person',NULL,NULL);
INSERT INTO round VALUES(8,'SMA-11',8,'2021-02-05','2021-02-05',NULL,'video','koreaherald-2021-02-22','Top negotiators by videoconference: the first talks since President Biden''s inauguration.');
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
INSERT INTO position VALUES(1,'SMA-11',NULL,'2020-03~','KR','offer',NULL,NULL,1300,NULL,'reported',NULL,'koreaherald-2021-02-22','Seoul''s "best offer": a 13 percent hike from the 2019 accord.');
INSERT INTO position VALUES(2,'SMA-11',NULL,'2020-04~','US','demand',NULL,NULL,5000,NULL,'reported',NULL,'koreaherald-2021-02-22','Trump turned down the offer and reportedly demanded a 50 percent increase.');
INSERT INTO position VALUES(3,'SMA-11',NULL,'2021-02~','KR','offer',NULL,NULL,1300,NULL,'reported','mandated increases in South Korea''s defense budget; purchases of certain US military equipment','cnn-2021-02;koreaherald-2021-02-22','CNN: a multiyear deal with a 13 percent increase is "just weeks away".');
INSERT INTO position VALUES(4,'SMA-11',NULL,'2021-03-07','KR','offer',1183300000000,'KRW',NULL,6,'confirmed','rises with South Korea''s defense budget after 2021',NULL,'Agreed figure for 2021, 13.9 percent over 2019 (public record).');
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
INSERT INTO outcome VALUES(1,'SMA-10',NULL,'2019-03-08','signed',NULL,'Public record.');
INSERT INTO outcome VALUES(2,'SMA-10',NULL,'2019-12-31','expired','koreaherald-2021-02-22','The last one-year deal expired at the end of 2019.');
INSERT INTO outcome VALUES(3,'SMA-11',NULL,'2020-04~','rejected','koreaherald-2021-02-22','The two sides were close to signing, but Trump turned down Seoul''s offer.');
INSERT INTO outcome VALUES(4,'SMA-11',NULL,'2021-03-07','tentative',NULL,'Agreement in principle: a six-year deal, 2020 to 2025 (public record).');
INSERT INTO outcome VALUES(5,'SMA-11',NULL,'2021-04-08','signed',NULL,'Public record.');
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
INSERT INTO furlough VALUES(1,'SMA-11','2020-04-01','2020-06-15',4000,NULL,NULL,'koreaherald-2021-02-22','Some 4,000 Korean employees of USFK on unpaid leave for more than two months; Seoul decided to provide stopgap funding to pay their wages.');
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
INSERT INTO rate VALUES(1,'2021-02-22','KRW',11315000);
CREATE INDEX position_by_agreement_date ON position (agreement, date_key, id);
CREATE INDEX position_by_party ON position (agreement, party, date_key, id);
CREATE INDEX position_by_round ON position (agreement, round);
CREATE INDEX round_by_start ON round (agreement, start_key);
CREATE INDEX outcome_by_agreement_date ON outcome (agreement, date_key, id);
CREATE INDEX outcome_by_round ON outcome (agreement, round);
CREATE INDEX furlough_by_agreement_start ON furlough (agreement, start_key);
CREATE INDEX rate_by_currency_date ON rate (currency, date_key);
CREATE INDEX agreement_by_previous ON agreement (previous);
COMMIT;
