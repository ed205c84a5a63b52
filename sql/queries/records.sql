-- records.sql - add, edit, show, list and delete for each record kind.
-- Columns come in the kind's CSV field order, after the id, then the flag
-- of each field that may be approximate (total_approx...), in field order.  List filters
-- are optional: a NULL parameter means "no filter"; :from and :to are date
-- sort keys (first and last day of the period, see date.h), and a record
-- whose period overlaps them is kept, as in reports.sql.

-- name: agreement.insert
INSERT INTO agreement (code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes,
	total_approx, baseline_approx)
VALUES (:code, :title, :parties, coalesce(:currency, 'KRW'), :total, :baseline, :previous, :start_year, :end_year, :signed, :source, :notes,
	:total_approx, :baseline_approx)
-- name: agreement.update
UPDATE agreement SET code = :code, title = :title, parties = :parties, currency = coalesce(:currency, 'KRW'), total = :total,
	baseline = :baseline, previous = :previous, start_year = :start_year, end_year = :end_year, signed = :signed,
	source = :source, notes = :notes, total_approx = :total_approx, baseline_approx = :baseline_approx
WHERE id = :id
-- name: agreement.list
SELECT id, code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes, total_approx, baseline_approx
FROM agreement
WHERE (:agreement IS NULL OR code = :agreement)
  AND (:party IS NULL OR instr(',' || parties || ',', ',' || :party || ',') > 0)
ORDER BY coalesce(start_year, 9999), id
-- name: agreement.get
SELECT id, code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes, total_approx, baseline_approx
FROM agreement WHERE id = :id
-- name: agreement.by_key
SELECT id FROM agreement WHERE code = :key
-- name: agreement.delete
DELETE FROM agreement WHERE id = :id
-- name: agreement.references
SELECT 'agreement', count(*) FROM agreement WHERE previous = :key
UNION ALL SELECT 'round', count(*) FROM round WHERE agreement = :key
UNION ALL SELECT 'position', count(*) FROM position WHERE agreement = :key
UNION ALL SELECT 'outcome', count(*) FROM outcome WHERE agreement = :key
UNION ALL SELECT 'furlough', count(*) FROM furlough WHERE agreement = :key
UNION ALL SELECT 'schedule', count(*) FROM schedule WHERE agreement = :key
UNION ALL SELECT 'statement', count(*) FROM statement WHERE agreement = :key
-- name: agreement.referrers
SELECT kind, name FROM (
	SELECT 1 AS o, 'agreement' AS kind, code AS name, id FROM agreement WHERE previous = :key
	UNION ALL SELECT 2, 'round', agreement || ':' || seq, id FROM round WHERE agreement = :key
	UNION ALL SELECT 3, 'position', CAST(id AS TEXT), id FROM position WHERE agreement = :key
	UNION ALL SELECT 4, 'outcome', CAST(id AS TEXT), id FROM outcome WHERE agreement = :key
	UNION ALL SELECT 5, 'furlough', CAST(id AS TEXT), id FROM furlough WHERE agreement = :key
	UNION ALL SELECT 6, 'schedule', agreement || ':' || year, id FROM schedule WHERE agreement = :key
	UNION ALL SELECT 7, 'statement', CAST(id AS TEXT), id FROM statement WHERE agreement = :key
) ORDER BY o, id

-- name: source.insert
INSERT INTO source (key, outlet, title, url, published, notes)
VALUES (:key, :outlet, :title, :url, :published, :notes)
-- name: source.update
UPDATE source SET key = :key, outlet = :outlet, title = :title, url = :url, published = :published, notes = :notes
WHERE id = :id
-- name: source.list
SELECT id, key, outlet, title, url, published, notes FROM source ORDER BY id
-- name: source.get
SELECT id, key, outlet, title, url, published, notes FROM source WHERE id = :id
-- name: source.by_key
SELECT id FROM source WHERE key = :key
-- name: source.delete
DELETE FROM source WHERE id = :id
-- name: source.references
SELECT 'agreement', count(*) FROM agreement WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'round', count(*) FROM round WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'position', count(*) FROM position WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'outcome', count(*) FROM outcome WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'furlough', count(*) FROM furlough WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'rate', count(*) FROM rate WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'index', count(*) FROM "index" WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'schedule', count(*) FROM schedule WHERE instr(';' || source || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'statement', count(*) FROM statement WHERE instr(';' || source || ';', ';' || :key || ';') > 0
-- name: source.referrers
SELECT kind, name FROM (
	SELECT 1 AS o, 'agreement' AS kind, code AS name, id FROM agreement
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 2, 'round', agreement || ':' || seq, id FROM round
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 3, 'position', CAST(id AS TEXT), id FROM position
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 4, 'outcome', CAST(id AS TEXT), id FROM outcome
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 5, 'furlough', CAST(id AS TEXT), id FROM furlough
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 6, 'rate', CAST(id AS TEXT), id FROM rate
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 7, 'index', CAST(id AS TEXT), id FROM "index"
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 8, 'schedule', agreement || ':' || year, id FROM schedule
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 9, 'statement', CAST(id AS TEXT), id FROM statement
	WHERE instr(';' || source || ';', ';' || :key || ';') > 0
) ORDER BY o, id

-- name: round.insert
INSERT INTO round (agreement, seq, start, "end", location, format, negotiators, source, notes)
VALUES (:agreement, coalesce(:seq, (SELECT coalesce(max(seq), 0) + 1 FROM round WHERE agreement = :agreement)),
	:start, :end, :location, :format, :negotiators, :source, :notes)
-- name: round.update
UPDATE round SET agreement = :agreement, seq = coalesce(:seq, seq), start = :start, "end" = :end, location = :location,
	format = :format, negotiators = :negotiators, source = :source, notes = :notes
WHERE id = :id
-- name: round.list
SELECT id, agreement, seq, start, "end", location, format, negotiators, source, notes FROM round
WHERE (:agreement IS NULL OR agreement = :agreement)
  AND (:from IS NULL OR start_key >= :from
       OR start_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR start_key <= :to)
ORDER BY start_key, id
-- name: round.get
SELECT id, agreement, seq, start, "end", location, format, negotiators, source, notes FROM round WHERE id = :id
-- name: round.by_natural_key
SELECT id FROM round WHERE agreement = :agreement AND seq = :seq
-- name: round.delete
DELETE FROM round WHERE id = :id
-- name: round.references
SELECT 'position', count(*) FROM position WHERE agreement = :agreement AND round = :seq
UNION ALL SELECT 'outcome', count(*) FROM outcome WHERE agreement = :agreement AND round = :seq
-- name: round.referrers
SELECT kind, name FROM (
	SELECT 1 AS o, 'position' AS kind, CAST(id AS TEXT) AS name, id FROM position
	WHERE agreement = :agreement AND round = :seq
	UNION ALL SELECT 2, 'outcome', CAST(id AS TEXT), id FROM outcome WHERE agreement = :agreement AND round = :seq
) ORDER BY o, id

-- name: position.insert
INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes,
	amount_approx)
VALUES (:agreement, :round, :date, :party, :kind, :amount, :currency, :pct_bp, :years, coalesce(:confidence, 'reported'),
	:terms, :source, :notes, :amount_approx)
-- name: position.update
UPDATE position SET agreement = :agreement, round = :round, date = :date, party = :party, kind = :kind, amount = :amount,
	currency = :currency, pct_bp = :pct_bp, years = :years, confidence = coalesce(:confidence, 'reported'),
	terms = :terms, source = :source, notes = :notes, amount_approx = :amount_approx
WHERE id = :id
-- name: position.list
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx
FROM position
WHERE (:agreement IS NULL OR agreement = :agreement) AND (:party IS NULL OR party = :party)
  AND (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY date_key, id
-- name: position.get
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes, amount_approx
FROM position WHERE id = :id
-- name: position.delete
DELETE FROM position WHERE id = :id

-- A key that is not found but differs from a stored one only in case or
-- in its '-', '_' and '.' (sma-11, SMA11 for SMA-11), to suggest instead
-- of inviting a duplicate.  Asked only after a lookup failed, so a scan.
-- name: agreement.like_key
SELECT code FROM agreement
WHERE replace(replace(replace(upper(code), '-', ''), '_', ''), '.', '')
    = replace(replace(replace(upper(:key), '-', ''), '_', ''), '.', '')
ORDER BY code = :key COLLATE NOCASE DESC, id LIMIT 1
-- name: source.like_key
SELECT key FROM source
WHERE replace(replace(replace(upper(key), '-', ''), '_', ''), '.', '')
    = replace(replace(replace(upper(:key), '-', ''), '_', ''), '.', '')
ORDER BY key = :key COLLATE NOCASE DESC, id LIMIT 1

-- A stored position whose stated pct is more than half a point from what
-- its amount implies, with the figures that show it; no row when they
-- agree or when nothing can be compared (no baseline, a baseline of 0, no
-- rate to convert the amount).  add, edit and import ask it of each
-- position given both, after writing it and before committing.  The
-- amount in the agreement's currency and the baseline come from
-- position_amount, as in every report; the implied pct is
-- position_resolved's (hundredths, half away from zero, no product that
-- can overflow), asked of one row here because that view reads them all.
-- name: position.pct_disagreement
WITH given AS (
	SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline
	FROM position_amount
	WHERE id = :id
),
implied AS (
	SELECT *,
		CASE
			WHEN amount IS NULL OR baseline IS NULL OR baseline <= 0 THEN NULL
			WHEN amount >= baseline THEN
				CASE WHEN amount - baseline <= 922337203685477
				     THEN (amount - baseline) * 10000 / baseline
					+ ((amount - baseline) * 10000 % baseline >= baseline - (amount - baseline) * 10000 % baseline)
				     WHEN baseline <= 922337203685477 AND (amount - baseline) / baseline < 922337203685477
				     THEN (amount - baseline) / baseline * 10000 + (amount - baseline) % baseline * 10000 / baseline
					+ ((amount - baseline) % baseline * 10000 % baseline
					   >= baseline - (amount - baseline) % baseline * 10000 % baseline)
				END
			ELSE -
				CASE WHEN baseline - amount <= 922337203685477
				     THEN (baseline - amount) * 10000 / baseline
					+ ((baseline - amount) * 10000 % baseline >= baseline - (baseline - amount) * 10000 % baseline)
				     WHEN baseline <= 922337203685477 AND (baseline - amount) / baseline < 922337203685477
				     THEN (baseline - amount) / baseline * 10000 + (baseline - amount) % baseline * 10000 / baseline
					+ ((baseline - amount) % baseline * 10000 % baseline
					   >= baseline - (baseline - amount) % baseline * 10000 % baseline)
				END
		END AS implied_bp
	FROM given
)
SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline, implied_bp
FROM implied
WHERE stated_amount IS NOT NULL AND stated_pct_bp IS NOT NULL AND implied_bp IS NOT NULL
  AND (implied_bp - stated_pct_bp > 50 OR stated_pct_bp - implied_bp > 50)

-- name: outcome.insert
INSERT INTO outcome (agreement, round, date, kind, source, notes)
VALUES (:agreement, :round, :date, :kind, :source, :notes)
-- name: outcome.update
UPDATE outcome SET agreement = :agreement, round = :round, date = :date, kind = :kind, source = :source, notes = :notes
WHERE id = :id
-- name: outcome.list
SELECT id, agreement, round, date, kind, source, notes FROM outcome
WHERE (:agreement IS NULL OR agreement = :agreement)
  AND (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY date_key, id
-- name: outcome.get
SELECT id, agreement, round, date, kind, source, notes FROM outcome WHERE id = :id
-- name: outcome.delete
DELETE FROM outcome WHERE id = :id

-- name: furlough.insert
INSERT INTO furlough (agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx)
VALUES (:agreement, :start, :end, :workers, :stopgap, :currency, :source, :notes, :workers_approx, :stopgap_approx)
-- name: furlough.update
UPDATE furlough SET agreement = :agreement, start = :start, "end" = :end, workers = :workers, stopgap = :stopgap,
	currency = :currency, source = :source, notes = :notes, workers_approx = :workers_approx,
	stopgap_approx = :stopgap_approx
WHERE id = :id
-- name: furlough.list
SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx FROM furlough
WHERE (:agreement IS NULL OR agreement = :agreement)
  AND (:from IS NULL OR start_key >= :from
       OR start_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR start_key <= :to)
ORDER BY start_key, id
-- name: furlough.get
SELECT id, agreement, start, "end", workers, stopgap, currency, source, notes, workers_approx, stopgap_approx FROM furlough WHERE id = :id
-- name: furlough.delete
DELETE FROM furlough WHERE id = :id

-- name: rate.insert
INSERT INTO rate (date, currency, per_usd_e4, source, notes) VALUES (:date, :currency, :per_usd_e4, :source, :notes)
-- name: rate.update
UPDATE rate SET date = :date, currency = :currency, per_usd_e4 = :per_usd_e4, source = :source, notes = :notes WHERE id = :id
-- name: rate.list
SELECT id, date, currency, per_usd_e4, source, notes FROM rate
WHERE (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY currency, date_key, id
-- name: rate.get
SELECT id, date, currency, per_usd_e4, source, notes FROM rate WHERE id = :id
-- name: rate.delete
DELETE FROM rate WHERE id = :id

-- name: round.exists
SELECT 1 FROM round WHERE agreement = :agreement AND seq = :seq
-- name: agreement.parties
SELECT parties FROM agreement WHERE code = :key

-- The previous chain of agreements, followed one step at a time to refuse
-- a cycle (record.c, check_previous_cycle).
-- name: agreement.previous_of
SELECT previous FROM agreement WHERE code = :key
-- name: agreement.named_as_previous
SELECT code FROM agreement WHERE previous = :key LIMIT 1
-- name: agreement.code_of
SELECT code FROM agreement WHERE id = :id

-- A schedule year's currency defaults to its agreement's; a year is
-- named SMA-11:2021 as well as by its id.
-- name: schedule.insert
INSERT INTO schedule (agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx)
VALUES (:agreement, :year, :amount, coalesce(:currency, (SELECT currency FROM agreement WHERE code = :agreement)),
	:index, :lag, :cap_bp, :floor_bp, :source, :notes, :amount_approx)
-- name: schedule.defaults
SELECT (SELECT currency FROM agreement WHERE code = :agreement) AS currency
-- name: schedule.update
UPDATE schedule SET agreement = :agreement, year = :year, amount = :amount,
	currency = coalesce(:currency, (SELECT currency FROM agreement WHERE code = :agreement)),
	"index" = :index, lag = :lag, cap_bp = :cap_bp, floor_bp = :floor_bp, source = :source, notes = :notes,
	amount_approx = :amount_approx
WHERE id = :id
-- name: schedule.list
SELECT id, agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx
FROM schedule
WHERE (:agreement IS NULL OR agreement = :agreement)
ORDER BY agreement, year, id
-- name: schedule.get
SELECT id, agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx
FROM schedule WHERE id = :id
-- name: schedule.by_natural_key
SELECT id FROM schedule WHERE agreement = :agreement AND year = :seq
-- name: schedule.delete
DELETE FROM schedule WHERE id = :id

-- The kind `index` is the table "index", quoted: INDEX is an SQL keyword.
-- name: index.insert
INSERT INTO "index" (series, period, value_e4, unit, source, notes)
VALUES (:series, :period, :value_e4, :unit, :source, :notes)
-- name: index.update
UPDATE "index" SET series = :series, period = :period, value_e4 = :value_e4, unit = :unit, source = :source,
	notes = :notes
WHERE id = :id
-- name: index.list
SELECT id, series, period, value_e4, unit, source, notes FROM "index" ORDER BY series, period, id
-- name: index.get
SELECT id, series, period, value_e4, unit, source, notes FROM "index" WHERE id = :id
-- name: index.delete
DELETE FROM "index" WHERE id = :id
-- A schedule's rule follows a series, not one value of it: the last value
-- of a series that rules follow is kept while they do; show lists them.
-- name: index.references
SELECT 'schedule', count(*) FROM schedule
WHERE "index" = :series AND NOT EXISTS (SELECT 1 FROM "index" WHERE series = :series AND id <> :id)
-- name: index.referrers
SELECT 'schedule', agreement || ':' || year FROM schedule WHERE "index" = :series ORDER BY agreement, year
-- A series with at least one value recorded.
-- name: index.has_series
SELECT 1 FROM "index" WHERE series = :key LIMIT 1
-- A series recorded, or named by another year's rule, that :key differs
-- from only by case or punctuation: a slip for it.
-- name: index.like_series
SELECT series FROM (SELECT series, 0 AS later, id FROM "index"
                    UNION ALL SELECT "index", 1, id FROM schedule WHERE "index" IS NOT NULL)
WHERE series <> :key
  AND replace(replace(replace(upper(series), '-', ''), '_', ''), '.', '')
    = replace(replace(replace(upper(:key), '-', ''), '_', ''), '.', '')
ORDER BY series = :key COLLATE NOCASE DESC, later, id LIMIT 1

-- name: actor.insert
INSERT INTO actor (key, name, party, role, notes) VALUES (:key, :name, :party, :role, :notes)
-- name: actor.update
UPDATE actor SET key = :key, name = :name, party = :party, role = :role, notes = :notes WHERE id = :id
-- name: actor.list
SELECT id, key, name, party, role, notes FROM actor
WHERE (:party IS NULL OR party = :party)
ORDER BY id
-- name: actor.get
SELECT id, key, name, party, role, notes FROM actor WHERE id = :id
-- name: actor.by_key
SELECT id FROM actor WHERE key = :key
-- name: actor.delete
DELETE FROM actor WHERE id = :id
-- name: actor.like_key
SELECT key FROM actor
WHERE replace(replace(replace(upper(key), '-', ''), '_', ''), '.', '')
    = replace(replace(replace(upper(:key), '-', ''), '_', ''), '.', '')
ORDER BY key = :key COLLATE NOCASE DESC, id LIMIT 1
-- An actor is named by statements (a foreign key) and among the
-- negotiators of rounds (a ';' list that no foreign key follows).
-- name: actor.references
SELECT 'round', count(*) FROM round WHERE instr(';' || negotiators || ';', ';' || :key || ';') > 0
UNION ALL SELECT 'statement', count(*) FROM statement WHERE actor = :key
-- name: actor.referrers
SELECT kind, name FROM (
	SELECT 1 AS o, 'round' AS kind, agreement || ':' || seq AS name, id FROM round
	WHERE instr(';' || negotiators || ';', ';' || :key || ';') > 0
	UNION ALL SELECT 2, 'statement', CAST(id AS TEXT), id FROM statement WHERE actor = :key
) ORDER BY o, id

-- A statement's party defaults to its actor's.
-- name: statement.insert
INSERT INTO statement (date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes,
	amount_approx)
VALUES (:date, :actor, :agreement, coalesce(:party, (SELECT party FROM actor WHERE key = :actor)), :amount, :currency,
	:pct_bp, :quote, coalesce(:confidence, 'reported'), :source, :notes, :amount_approx)
-- name: statement.defaults
SELECT (SELECT party FROM actor WHERE key = :actor) AS party
-- name: statement.update
UPDATE statement SET date = :date, actor = :actor, agreement = :agreement,
	party = coalesce(:party, (SELECT party FROM actor WHERE key = :actor)), amount = :amount, currency = :currency,
	pct_bp = :pct_bp, quote = :quote, confidence = coalesce(:confidence, 'reported'), source = :source,
	notes = :notes, amount_approx = :amount_approx
WHERE id = :id
-- name: statement.list
SELECT id, date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes, amount_approx
FROM statement
WHERE (:agreement IS NULL OR agreement = :agreement) AND (:party IS NULL OR party = :party)
  AND (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY date_key, id
-- name: statement.get
SELECT id, date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes, amount_approx
FROM statement WHERE id = :id
-- name: statement.delete
DELETE FROM statement WHERE id = :id
-- name: position.pct_check
-- position.pct_disagreement for the import's hot path, the same rows:
-- the fence makes SQLite resolve the position once and stream the result
-- (else it copies position_amount's searches into each use of amount
-- below, and a prepare costs megabytes).
WITH given AS (
	SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline
	FROM position_amount
	WHERE id = :id
	LIMIT -1 OFFSET 0
),
implied AS (
	SELECT *,
		CASE
			WHEN amount IS NULL OR baseline IS NULL OR baseline <= 0 THEN NULL
			WHEN amount >= baseline THEN
				CASE WHEN amount - baseline <= 922337203685477
				     THEN (amount - baseline) * 10000 / baseline
					+ ((amount - baseline) * 10000 % baseline >= baseline - (amount - baseline) * 10000 % baseline)
				     WHEN baseline <= 922337203685477 AND (amount - baseline) / baseline < 922337203685477
				     THEN (amount - baseline) / baseline * 10000 + (amount - baseline) % baseline * 10000 / baseline
					+ ((amount - baseline) % baseline * 10000 % baseline
					   >= baseline - (amount - baseline) % baseline * 10000 % baseline)
				END
			ELSE -
				CASE WHEN baseline - amount <= 922337203685477
				     THEN (baseline - amount) * 10000 / baseline
					+ ((baseline - amount) * 10000 % baseline >= baseline - (baseline - amount) * 10000 % baseline)
				     WHEN baseline <= 922337203685477 AND (baseline - amount) / baseline < 922337203685477
				     THEN (baseline - amount) / baseline * 10000 + (baseline - amount) % baseline * 10000 / baseline
					+ ((baseline - amount) % baseline * 10000 % baseline
					   >= baseline - (baseline - amount) % baseline * 10000 % baseline)
				END
		END AS implied_bp
	FROM given
)
SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline, implied_bp
FROM implied
WHERE stated_amount IS NOT NULL AND stated_pct_bp IS NOT NULL AND implied_bp IS NOT NULL
  AND (implied_bp - stated_pct_bp > 50 OR stated_pct_bp - implied_bp > 50)
