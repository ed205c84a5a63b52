-- records.sql - what add, edit, show, list and delete ask of a kind that
-- differs from kind to kind.  The statements that follow one pattern for
-- every kind (KIND.insert, update, get, list, delete, by_key, like_key...)
-- are made from the kind's description (src/kind_sql.c), and so are
-- KIND.references and KIND.referrers of a kind named by its key (what
-- refers to an agreement, a source or an actor follows from the fields'
-- types).  A kind writes its own here only where it differs: a default
-- taken from another record, another list order or filter, a reference
-- within an agreement.  Columns come in the kind's CSV field order, after
-- the id, then the flag of each field that may be approximate
-- (total_approx...), in field order.  An insert gives the record's uid
-- (:uid, the file's or a new one: record_insert), so the schema's KIND_uid
-- trigger, kept for rows other tools insert, does not fire.  List filters are optional: a NULL
-- parameter means "no filter"; :from and :to are date sort keys (first and
-- last day of the period, see date.h), and a record whose period overlaps
-- them is kept, as in reports.sql.

-- name: agreement.insert
INSERT INTO agreement (code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes,
	total_approx, baseline_approx, uid)
VALUES (:code, :title, :parties, coalesce(:currency, 'KRW'), :total, :baseline, :previous, :start_year, :end_year, :signed, :source, :notes,
	:total_approx, :baseline_approx, :uid)
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

-- name: round.insert
INSERT INTO round (agreement, seq, start, "end", location, format, negotiators, source, notes, uid)
VALUES (:agreement, coalesce(:seq, (SELECT coalesce(max(seq), 0) + 1 FROM round WHERE agreement = :agreement)),
	:start, :end, :location, :format, :negotiators, :source, :notes, :uid)
-- name: round.update
UPDATE round SET agreement = :agreement, seq = coalesce(:seq, seq), start = :start, "end" = :end, location = :location,
	format = :format, negotiators = :negotiators, source = :source, notes = :notes
WHERE id = :id
-- name: round.by_natural_key
SELECT id FROM round WHERE agreement = :agreement AND seq = :seq
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
	amount_approx, uid)
VALUES (:agreement, :round, :date, :party, :kind, :amount, :currency, :pct_bp, :years, coalesce(:confidence, 'reported'),
	:terms, :source, :notes, :amount_approx, :uid)
-- name: position.update
UPDATE position SET agreement = :agreement, round = :round, date = :date, party = :party, kind = :kind, amount = :amount,
	currency = :currency, pct_bp = :pct_bp, years = :years, confidence = coalesce(:confidence, 'reported'),
	terms = :terms, source = :source, notes = :notes, amount_approx = :amount_approx
WHERE id = :id

-- A stored position whose stated pct is more than half a point from what
-- its amount implies, with the figures that show it; no row when they
-- agree or when nothing can be compared (no baseline, a baseline of 0, no
-- rate to convert the amount).  add, edit and import ask it of each
-- position given both, after writing it and before committing.  The
-- amount in the agreement's currency and the baseline come from
-- position_amount, as in every report; the implied pct is
-- position_resolved's (@POINTS: hundredths, half away from zero, no
-- product that can overflow), asked of one row here because that view
-- reads them all.  The fence (LIMIT -1 OFFSET 0) makes SQLite resolve the
-- position once and stream it: without it, position_amount's searches are
-- copied into each use of amount below, and one prepare costs megabytes.
-- name: position.pct_disagreement
WITH given AS (
	SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline
	FROM position_amount
	WHERE id = :id
	LIMIT -1 OFFSET 0
),
implied AS (
	SELECT *,
		CASE WHEN baseline > 0 THEN @POINTS(amount - baseline, baseline) END AS implied_bp
	FROM given
)
SELECT stated_amount, stated_currency, stated_pct_bp, amount, currency, baseline, implied_bp
FROM implied
WHERE stated_amount IS NOT NULL AND stated_pct_bp IS NOT NULL AND implied_bp IS NOT NULL
  AND (implied_bp - stated_pct_bp > 50 OR stated_pct_bp - implied_bp > 50)

-- Rates list by currency, then date.
-- name: rate.list
SELECT id, date, currency, per_usd_e4, source, notes FROM rate
WHERE (:from IS NULL OR date_key >= :from
       OR date_key IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))
  AND (:to IS NULL OR date_key <= :to)
ORDER BY currency, date_key, id

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
INSERT INTO schedule (agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx,
	uid)
VALUES (:agreement, :year, :amount, coalesce(:currency, (SELECT currency FROM agreement WHERE code = :agreement)),
	:index, :lag, :cap_bp, :floor_bp, :source, :notes, :amount_approx, :uid)
-- name: schedule.defaults
SELECT (SELECT currency FROM agreement WHERE code = :agreement) AS currency
-- name: schedule.update
UPDATE schedule SET agreement = :agreement, year = :year, amount = :amount,
	currency = coalesce(:currency, (SELECT currency FROM agreement WHERE code = :agreement)),
	"index" = :index, lag = :lag, cap_bp = :cap_bp, floor_bp = :floor_bp, source = :source, notes = :notes,
	amount_approx = :amount_approx
WHERE id = :id
-- A schedule lists by agreement and year.
-- name: schedule.list
SELECT id, agreement, year, amount, currency, "index", lag, cap_bp, floor_bp, source, notes, amount_approx
FROM schedule
WHERE (:agreement IS NULL OR agreement = :agreement)
ORDER BY agreement, year, id
-- name: schedule.by_natural_key
SELECT id FROM schedule WHERE agreement = :agreement AND year = :seq

-- The kind `index` is the table "index", quoted: INDEX is an SQL keyword.
-- Values list by series and period.
-- name: index.list
SELECT id, series, period, value_e4, unit, source, notes FROM "index" ORDER BY series, period, id
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

-- A statement's party defaults to its actor's.
-- name: statement.insert
INSERT INTO statement (date, actor, agreement, party, amount, currency, pct_bp, quote, confidence, source, notes,
	amount_approx, uid)
VALUES (:date, :actor, :agreement, coalesce(:party, (SELECT party FROM actor WHERE key = :actor)), :amount, :currency,
	:pct_bp, :quote, coalesce(:confidence, 'reported'), :source, :notes, :amount_approx, :uid)
-- name: statement.defaults
SELECT (SELECT party FROM actor WHERE key = :actor) AS party
-- name: statement.update
UPDATE statement SET date = :date, actor = :actor, agreement = :agreement,
	party = coalesce(:party, (SELECT party FROM actor WHERE key = :actor)), amount = :amount, currency = :currency,
	pct_bp = :pct_bp, quote = :quote, confidence = coalesce(:confidence, 'reported'), source = :source,
	notes = :notes, amount_approx = :amount_approx
WHERE id = :id
