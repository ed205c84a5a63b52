-- views.sql - the reports as views: timeline, position_delta,
-- round_delta and agreement_summary, so that the sqlite3 shell, Datasette
-- or sqlite-utils see exactly the rows that `smalog timeline`, `delta`,
-- `delta --by round` and `summary` print.  Each of these selects the
-- columns of SPEC section 3 from a *_row view that also carries the sort
-- keys, which is what smalog filters and orders on.
--
-- Views hold no data, so they are not migrated: every upgrade of a file
-- (db.c) drops them and creates them again from this file, in the same
-- transaction as the migrations.  A change here therefore comes with a new
-- migration number, even one with nothing else in it, so that files of the
-- previous version get it.
--
-- Money and percentages are exact integers throughout; no REAL is ever
-- involved.  SQLite turns an integer overflow into a REAL, so every product
-- is guarded before it is taken, and a figure that cannot be computed
-- exactly is left empty with a note rather than approximated.  One pattern
-- recurs: round(x * g / d) for x >= 0 and g, d > 0, with
-- M = 9223372036854775807, the largest integer:
--
--   CASE WHEN x <= M / g THEN x * g / d + (x * g % d >= d - x * g % d)
--        WHEN d <= M / g AND x / d < M / g
--        THEN x / d * g + x % d * g / d + (x % d * g % d >= d - x % d * g % d)
--   END
--
-- The first branch multiplies directly; the second splits x into
-- (x / d) * d + x % d so that no product can overflow.  The comparison adds one when
-- the remainder is at least half of d: rounding half up for the
-- non-negative x.  Callers apply the sign afterwards, which makes it half
-- away from zero: where a figure can be negative, one copy of the pattern
-- takes its abs() and the sign is applied after.  Percentages and points
-- are computed as integer hundredths (the *_bp columns of the *_row views,
-- which smalog's outputs print with exactly two decimals) and shown as
-- numbers, bp / 100.0: the double nearest to the two-decimal figure, so
-- that WHERE pct > 50 and ORDER BY gap_pts compare numbers in every tool.
--
-- The pattern is still written out at each figure (the amount a pct
-- implies and a conversion in position_amount, pct in position_resolved,
-- change and gap points in position_delta_row, gap points in
-- standing_gap), and the gap with its points in both of the last two:
-- SQLite's SQL has no functions of its own and a view takes no arguments,
-- so stating it once would route each figure through a join or a UNION of
-- its own, one more pass or search per row of delta.
--
-- Dates compare by their sort keys (see date.h): a period counts from its
-- first day, and a coarser date comes before a finer one on that day.
--
-- The steps marked LIMIT -1 OFFSET 0 are optimization fences.  Without
-- them SQLite flattens the steps into one query and copies each step's
-- expressions, index searches included, into every place that uses them;
-- with them each step is computed once per row and streamed to the next.

-- This file's views, and every view an earlier version made, dependants
-- first.
DROP VIEW IF EXISTS agreement_summary;
DROP VIEW IF EXISTS agreement_summary_row;
DROP VIEW IF EXISTS timeline;
DROP VIEW IF EXISTS timeline_event;
DROP VIEW IF EXISTS round_delta;
DROP VIEW IF EXISTS round_delta_row;
DROP VIEW IF EXISTS standing_gap;
DROP VIEW IF EXISTS position_delta;
DROP VIEW IF EXISTS position_delta_row;
DROP VIEW IF EXISTS position_resolved;
DROP VIEW IF EXISTS position_amount;
DROP VIEW IF EXISTS agreement_sides;
DROP VIEW IF EXISTS agreement_basis;

-- What an agreement's percentages are measured against: its baseline, else
-- the previous agreement's total when that is in the same currency.
CREATE VIEW agreement_basis AS
SELECT a.code AS agreement, a.currency,
	CASE WHEN a.baseline IS NOT NULL THEN a.baseline
	     WHEN prev.currency = a.currency THEN prev.total END AS baseline,
	CASE WHEN a.baseline = 0 OR (a.baseline IS NULL AND prev.currency = a.currency AND prev.total = 0)
	     THEN 'the baseline of ' || a.code || ' is 0: no pct or points'
	     WHEN a.baseline IS NOT NULL THEN NULL
	     WHEN a.previous IS NULL THEN 'no baseline: ' || a.code || ' has no baseline and no previous agreement'
	     WHEN prev.total IS NULL THEN 'no baseline: ' || a.code || ' has no baseline and ' || a.previous || ' has no total'
	     WHEN prev.currency <> a.currency
	     THEN 'no baseline: the total of ' || a.previous || ' is in ' || prev.currency || ', not ' || a.currency
	END AS baseline_note
FROM agreement AS a LEFT JOIN agreement AS prev ON prev.code = a.previous;

-- Which parties have positions in each agreement: "the other party" is
-- defined when there are exactly two.
CREATE VIEW agreement_sides AS
SELECT agreement, min(party) AS first_party, max(party) AS last_party, count(DISTINCT party) AS parties
FROM position
GROUP BY agreement;

-- Every position's amount in its agreement's currency.  An amount in
-- another currency is converted through USD at the latest rate of each
-- currency on or before the position's date (USD is 1 per USD; a rate
-- counts from the first day of its period); a position given only as pct
-- resolves to baseline * (1 + pct / 100).  No fences here, so that finding
-- one position's amount by id is a handful of index searches.
CREATE VIEW position_amount AS
WITH given AS (
	SELECT p.id, p.agreement, p.date, p.date_key, p.party, p.kind,
		p.amount AS stated_amount, coalesce(p.currency, b.currency) AS stated_currency,
		p.pct_bp AS stated_pct_bp, b.currency, b.baseline, b.baseline_note,
		-- the amount in ten-thousandths of the baseline: 1 + pct / 100
		CASE WHEN p.pct_bp <= 9223372036854765807 THEN 10000 + p.pct_bp END AS factor,
		CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) NOT IN (b.currency, 'USD') THEN
			(SELECT r.id FROM rate AS r
			 WHERE r.currency = coalesce(p.currency, b.currency) AND r.date_key <= p.date_key / 10 * 10 + 9
			 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS from_rate_id,
		CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) <> b.currency AND b.currency <> 'USD' THEN
			(SELECT r.id FROM rate AS r
			 WHERE r.currency = b.currency AND r.date_key <= p.date_key / 10 * 10 + 9
			 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS to_rate_id
	FROM position AS p JOIN agreement_basis AS b ON b.agreement = p.agreement
),
rated AS (
	SELECT g.*,
		-- the factor's size; a negative factor (pct below -100) gives a
		-- negative amount, its sign applied after rounding
		abs(g.factor) AS scale,
		CASE WHEN g.stated_currency = 'USD' THEN 10000 ELSE rf.per_usd_e4 END AS from_rate,
		CASE WHEN g.currency = 'USD' THEN 10000 ELSE rt.per_usd_e4 END AS to_rate,
		rf.date AS from_rate_date, rt.date AS to_rate_date
	FROM given AS g
	LEFT JOIN rate AS rf ON rf.id = g.from_rate_id
	LEFT JOIN rate AS rt ON rt.id = g.to_rate_id
)
SELECT id, agreement, date, date_key, party, kind, currency, baseline, baseline_note,
	stated_amount, stated_currency, stated_pct_bp, from_rate, to_rate, from_rate_date, to_rate_date,
	CASE
		WHEN stated_amount IS NULL THEN
			CASE WHEN factor < 0 THEN -1 ELSE 1 END *
			CASE WHEN baseline IS NULL OR factor IS NULL THEN NULL
			     WHEN baseline = 0 OR factor = 0 THEN 0
			     WHEN baseline <= 9223372036854775807 / scale
			     THEN baseline * scale / 10000 + (baseline * scale % 10000 >= 10000 - baseline * scale % 10000)
			     WHEN scale <= 922337203685477 AND baseline / 10000 < 9223372036854775807 / scale
			     THEN baseline / 10000 * scale + baseline % 10000 * scale / 10000
				+ (baseline % 10000 * scale % 10000 >= 10000 - baseline % 10000 * scale % 10000)
			END
		WHEN stated_currency = currency THEN stated_amount
		WHEN from_rate IS NULL OR to_rate IS NULL THEN NULL
		WHEN stated_amount <= 9223372036854775807 / to_rate
		THEN stated_amount * to_rate / from_rate
			+ (stated_amount * to_rate % from_rate >= from_rate - stated_amount * to_rate % from_rate)
		WHEN from_rate <= 9223372036854775807 / to_rate AND stated_amount / from_rate < 9223372036854775807 / to_rate
		THEN stated_amount / from_rate * to_rate + stated_amount % from_rate * to_rate / from_rate
			+ (stated_amount % from_rate * to_rate % from_rate >= from_rate - stated_amount % from_rate * to_rate % from_rate)
	END AS amount
FROM rated;

-- Every position resolved: its amount, the pct that the amount implies
-- over the baseline (or the stated pct when the amount is not its source),
-- and a note that says why a figure is empty.
CREATE VIEW position_resolved AS
WITH amounts AS (
	-- in index order (position_by_agreement_date), so that what a report
	-- then searches for each position lies near what it searched for the
	-- one before: on a large file that is the difference between pages in
	-- the cache and pages read from disk
	SELECT * FROM position_amount
	ORDER BY agreement, date_key, id
	LIMIT -1 OFFSET 0
),
pcts AS (
	SELECT *,
		CASE
			WHEN stated_amount IS NULL OR amount IS NULL OR baseline IS NULL OR baseline = 0 THEN stated_pct_bp
			-- amount and baseline are both >= 0 here, so their difference and its abs() cannot overflow
			ELSE CASE WHEN amount < baseline THEN -1 ELSE 1 END *
				CASE WHEN abs(amount - baseline) <= 922337203685477
				     THEN abs(amount - baseline) * 10000 / baseline
					+ (abs(amount - baseline) * 10000 % baseline >= baseline - abs(amount - baseline) * 10000 % baseline)
				     WHEN baseline <= 922337203685477 AND abs(amount - baseline) / baseline < 922337203685477
				     THEN abs(amount - baseline) / baseline * 10000 + abs(amount - baseline) % baseline * 10000 / baseline
					+ (abs(amount - baseline) % baseline * 10000 % baseline
					   >= baseline - abs(amount - baseline) % baseline * 10000 % baseline)
				END
		END AS pct_bp
	FROM amounts
	LIMIT -1 OFFSET 0
)
SELECT id, agreement, date, date_key, party, kind, currency, baseline, amount, pct_bp, stated_amount, stated_pct_bp,
	nullif(substr(
		coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency AND from_rate IS NULL
			THEN 'no ' || stated_currency || ' rate on or before ' || date END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency AND to_rate IS NULL
			THEN 'no ' || currency || ' rate on or before ' || date END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency
				AND from_rate IS NOT NULL AND to_rate IS NOT NULL THEN
			CASE WHEN amount IS NULL THEN 'the amount is too large to convert exactly'
			     ELSE 'converted from ' || stated_currency || ' at ' || substr(
				coalesce(' and the ' || stated_currency || ' rate of ' || from_rate_date, '')
				|| coalesce(' and the ' || currency || ' rate of ' || to_rate_date, ''), 6) END END, '')
		|| coalesce('; ' || baseline_note, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NULL AND baseline IS NOT NULL AND amount IS NULL
			THEN 'the amount that the pct implies is too large' END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND amount IS NOT NULL AND baseline > 0 AND pct_bp IS NULL
			THEN 'no pct: the figures are too large for exact arithmetic' END, ''), 3), '') AS note
FROM pcts;

-- One row per position, compared with the same party's previous position,
-- the other party's latest position and the standing offer and demand up
-- to this row in timeline order.  Each is found by one index search
-- (position_by_party, position_by_kind), so the report stays linear in the
-- number of positions.
CREATE VIEW position_delta_row AS
WITH related AS (
	-- "latest before this row" is two searches, the same day with a smaller
	-- id, then the latest earlier day: SQLite does not search an index on a
	-- row value (date_key, id) whose last column is the rowid
	SELECT r.id, r.agreement, r.date, r.date_key, r.party, r.kind, r.baseline, r.amount, r.pct_bp,
		r.note AS own_note, s.parties,
		coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key < r.date_key
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS prev_id,
		CASE WHEN s.parties = 2 THEN coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.date_key = r.date_key AND q.id < r.id
			   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.date_key < r.date_key
			   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS other_id,
		CASE WHEN r.kind = 'offer' THEN r.id ELSE coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key < r.date_key
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS offer_id,
		CASE WHEN r.kind = 'demand' THEN r.id ELSE coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'demand' AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'demand' AND q.date_key < r.date_key
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS demand_id
	-- a LEFT JOIN keeps position_resolved streaming rather than stored;
	-- every agreement with a position has sides, so nothing is added
	FROM position_resolved AS r LEFT JOIN agreement_sides AS s ON s.agreement = r.agreement
	LIMIT -1 OFFSET 0
),
standing AS (
	SELECT *,
		(SELECT q.amount FROM position_amount AS q WHERE q.id = related.prev_id) AS prev_amount,
		(SELECT q.date FROM position AS q WHERE q.id = related.prev_id) AS prev_date,
		CASE WHEN offer_id = id THEN amount
		     ELSE (SELECT q.amount FROM position_amount AS q WHERE q.id = related.offer_id) END AS offer_amount,
		CASE WHEN demand_id = id THEN amount
		     ELSE (SELECT q.amount FROM position_amount AS q WHERE q.id = related.demand_id) END AS demand_amount
	FROM related
	LIMIT -1 OFFSET 0
),
other AS (
	-- the other party's latest position is usually the standing offer or demand
	SELECT *,
		CASE WHEN other_id = offer_id THEN offer_amount WHEN other_id = demand_id THEN demand_amount
		     ELSE (SELECT q.amount FROM position_amount AS q WHERE q.id = standing.other_id) END AS other_amount
	FROM standing
	LIMIT -1 OFFSET 0
),
differences AS (
	-- the differences of two amounts within [-M, M] stay there, so abs() is safe
	SELECT *,
		CASE WHEN amount IS NULL OR prev_amount IS NULL THEN NULL
		     WHEN prev_amount > 0 AND amount < prev_amount - 9223372036854775807 THEN NULL
		     WHEN prev_amount < 0 AND amount > 9223372036854775807 + prev_amount THEN NULL
		     ELSE amount - prev_amount END AS change,
		CASE WHEN demand_amount IS NULL OR offer_amount IS NULL THEN NULL
		     WHEN offer_amount > 0 AND demand_amount < offer_amount - 9223372036854775807 THEN NULL
		     WHEN offer_amount < 0 AND demand_amount > 9223372036854775807 + offer_amount THEN NULL
		     ELSE demand_amount - offer_amount END AS gap,
		CASE WHEN prev_id IS NOT NULL AND length(rtrim(date, '~?%')) = 10 AND length(rtrim(prev_date, '~?%')) = 10
		     THEN (unixepoch(substr(date, 1, 10)) - unixepoch(substr(prev_date, 1, 10))) / 86400 END AS days
	FROM other
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		CASE WHEN change < 0 THEN -1 ELSE 1 END *
		CASE WHEN change IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL
		     WHEN abs(change) <= 922337203685477
		     THEN abs(change) * 10000 / baseline + (abs(change) * 10000 % baseline >= baseline - abs(change) * 10000 % baseline)
		     WHEN baseline <= 922337203685477 AND abs(change) / baseline < 922337203685477
		     THEN abs(change) / baseline * 10000 + abs(change) % baseline * 10000 / baseline
			+ (abs(change) % baseline * 10000 % baseline >= baseline - abs(change) % baseline * 10000 % baseline)
		END AS change_pts_bp,
		CASE WHEN gap < 0 THEN -1 ELSE 1 END *
		CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL
		     WHEN abs(gap) <= 922337203685477
		     THEN abs(gap) * 10000 / baseline + (abs(gap) * 10000 % baseline >= baseline - abs(gap) * 10000 % baseline)
		     WHEN baseline <= 922337203685477 AND abs(gap) / baseline < 922337203685477
		     THEN abs(gap) / baseline * 10000 + abs(gap) % baseline * 10000 / baseline
			+ (abs(gap) % baseline * 10000 % baseline >= baseline - abs(gap) % baseline * 10000 % baseline)
		END AS gap_pts_bp
	FROM differences
	LIMIT -1 OFFSET 0
)
SELECT id, agreement, date, date_key, party, kind, amount, pct_bp / 100.0 AS pct,
	prev_amount, change, change_pts_bp / 100.0 AS change_pts, days, other_amount, gap,
	gap_pts_bp / 100.0 AS gap_pts, pct_bp, change_pts_bp, gap_pts_bp,
	nullif(substr(
		coalesce('; ' || own_note, '')
		|| coalesce('; ' || CASE WHEN prev_id IS NOT NULL AND days IS NULL THEN 'no days: ' ||
			CASE WHEN length(rtrim(prev_date, '~?%')) < 10 AND length(rtrim(date, '~?%')) < 10
			     THEN prev_date || ' and ' || date || ' are not exact days'
			     WHEN length(rtrim(prev_date, '~?%')) < 10 THEN prev_date || ' is not an exact day'
			     ELSE date || ' is not an exact day' END END, '')
		|| coalesce('; ' || CASE WHEN prev_id IS NOT NULL AND prev_amount IS NULL
			THEN 'no change: position ' || prev_id || ' has no resolved amount'
			WHEN amount IS NOT NULL AND prev_amount IS NOT NULL AND change IS NULL
			THEN 'the change is too large' END, '')
		|| coalesce('; ' || CASE WHEN parties > 2 THEN 'no other_amount: more than two parties have positions in ' || agreement
			WHEN other_id IS NOT NULL AND other_amount IS NULL AND other_id NOT IN (coalesce(offer_id, 0), coalesce(demand_id, 0))
			THEN 'no other_amount: position ' || other_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN offer_id IS NOT NULL AND demand_id IS NOT NULL AND gap IS NULL THEN
			CASE WHEN demand_amount IS NULL AND offer_amount IS NULL
			     THEN 'no gap: positions ' || demand_id || ' and ' || offer_id || ' have no resolved amount'
			     WHEN demand_amount IS NULL THEN 'no gap: position ' || demand_id || ' has no resolved amount'
			     WHEN offer_amount IS NULL THEN 'no gap: position ' || offer_id || ' has no resolved amount'
			     ELSE 'the gap is too large' END END, ''), 3), '') AS note
FROM points;

CREATE VIEW position_delta AS
SELECT agreement, date, party, kind, amount, pct, prev_amount, change, change_pts, days,
	other_amount, gap, gap_pts, note
FROM position_delta_row
ORDER BY date_key, id;

-- The standing offer and demand of an agreement at a moment, the gap
-- between them and what it is in points of the baseline: at the end of
-- each round, for round_delta, and at the latest, for agreement_summary.
-- A round ends on the last day of its end date (of its start when it has
-- no end), whatever that date's precision.  A position that names its round
-- stands from that round on, whatever its date: at the end of round 8 it
-- counts when it names round 8 or earlier, even when dated after round 8
-- ended, and not when it names round 9, even when dated before.
CREATE VIEW standing_gap AS
WITH moments AS (
	SELECT 'round' AS subject, r.id AS subject_id, r.agreement, r.seq,
		-- the sort key of the last day of the round's last date, whatever its precision
		CAST(CASE length(rtrim(coalesce(r."end", r.start), '~?%'))
			WHEN 10 THEN replace(substr(coalesce(r."end", r.start), 1, 10), '-', '')
			WHEN 7 THEN CASE substr(coalesce(r."end", r.start), 6, 2)
				WHEN '12' THEN substr(coalesce(r."end", r.start), 1, 4) || '1231'
				ELSE strftime('%Y%m%d', substr(coalesce(r."end", r.start), 1, 7) || '-01', '+1 month', '-1 day') END
			ELSE substr(coalesce(r."end", r.start), 1, 4) || '1231' END AS INTEGER) * 10 + 9 AS bound
	FROM round AS r
	UNION ALL
	SELECT 'agreement', a.id, a.code, NULL, 9223372036854775807
	FROM agreement AS a
),
standing AS (
	-- the latest position that stands at the moment: one that names an
	-- earlier round and is dated after the moment is later than any dated
	-- before it, so it is looked for first; each is one index search
	SELECT m.*,
		coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key <= m.bound
			   AND (q.round IS NULL OR m.seq IS NULL OR q.round <= m.seq)
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS offer_id,
		coalesce(
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'demand' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'demand' AND q.date_key <= m.bound
			   AND (q.round IS NULL OR m.seq IS NULL OR q.round <= m.seq)
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS demand_id
	FROM moments AS m
	LIMIT -1 OFFSET 0
),
amounts AS (
	SELECT s.*, b.baseline,
		(SELECT q.amount FROM position_amount AS q WHERE q.id = s.offer_id) AS offer,
		(SELECT q.amount FROM position_amount AS q WHERE q.id = s.demand_id) AS demand
	FROM standing AS s JOIN agreement_basis AS b ON b.agreement = s.agreement
	LIMIT -1 OFFSET 0
),
gaps AS (
	SELECT *,
		CASE WHEN demand IS NULL OR offer IS NULL THEN NULL
		     WHEN offer > 0 AND demand < offer - 9223372036854775807 THEN NULL
		     WHEN offer < 0 AND demand > 9223372036854775807 + offer THEN NULL
		     ELSE demand - offer END AS gap
	FROM amounts
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		CASE WHEN gap < 0 THEN -1 ELSE 1 END *
		CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL
		     WHEN abs(gap) <= 922337203685477
		     THEN abs(gap) * 10000 / baseline + (abs(gap) * 10000 % baseline >= baseline - abs(gap) * 10000 % baseline)
		     WHEN baseline <= 922337203685477 AND abs(gap) / baseline < 922337203685477
		     THEN abs(gap) / baseline * 10000 + abs(gap) % baseline * 10000 / baseline
			+ (abs(gap) % baseline * 10000 % baseline >= baseline - abs(gap) % baseline * 10000 % baseline)
		END AS gap_pts_bp
	FROM gaps
	LIMIT -1 OFFSET 0
)
SELECT subject, subject_id, agreement, offer_id, demand_id, offer, demand, gap,
	gap_pts_bp / 100.0 AS gap_pts, gap_pts_bp
FROM points;

-- One row per round: the standing offer and demand at its end, and how
-- the gap moved since the agreement's previous round.
CREATE VIEW round_delta_row AS
WITH gaps AS (
	SELECT r.id, r.agreement, r.seq, r.start, r."end", r.start_key, g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp,
		lag(g.gap) OVER (PARTITION BY r.agreement ORDER BY r.start_key, r.id) AS prev_gap
	FROM round AS r JOIN standing_gap AS g ON g.subject = 'round' AND g.subject_id = r.id
)
SELECT id, agreement, seq, start, "end", start_key, offer, demand, gap, gap_pts, gap_pts_bp,
	CASE WHEN gap IS NULL OR prev_gap IS NULL THEN NULL
	     WHEN prev_gap > 0 AND gap < prev_gap - 9223372036854775807 THEN NULL
	     WHEN prev_gap < 0 AND gap > 9223372036854775807 + prev_gap THEN NULL
	     ELSE gap - prev_gap END AS change_gap
FROM gaps;

CREATE VIEW round_delta AS
SELECT agreement, seq, start, "end", offer, demand, gap, gap_pts, change_gap
FROM round_delta_row
ORDER BY start_key, id;

-- Every dated event: rounds, offers and demands, outcomes, furlough starts
-- and ends.  Events on the same date come round, position, outcome,
-- furlough start, furlough end (type_order), then by record id.  Dates,
-- amounts and pct are as entered.  ref names the record as a user does:
-- SMA-11:3 for a round (its agreement and seq), position 12 for the others.
CREATE VIEW timeline_event AS
SELECT r.start AS date, r.agreement, 'round' AS type, NULL AS party,
	'round ' || r.seq || coalesce(' in ' || r.location, '') || coalesce(' (' || r.format || ')', '')
		|| CASE WHEN r."end" IS NOT NULL AND r."end" <> r.start THEN ', until ' || r."end" ELSE '' END AS summary,
	NULL AS amount, NULL AS currency, NULL AS pct, r.source, r.agreement || ':' || r.seq AS ref,
	r.start_key AS date_key, 0 AS type_order, r.id AS record_id, NULL AS pct_bp
FROM round AS r
UNION ALL
SELECT p.date, p.agreement, p.kind, p.party,
	p.party || ' ' || p.kind || coalesce(' in round ' || p.round, '')
		|| coalesce(' for ' || p.years || CASE p.years WHEN 1 THEN ' year' ELSE ' years' END, '')
		|| CASE p.confidence WHEN 'reported' THEN '' ELSE ' (' || p.confidence || ')' END
		|| coalesce(': ' || p.terms, ''),
	p.amount, CASE WHEN p.amount IS NOT NULL THEN coalesce(p.currency, a.currency) END,
	p.pct_bp / 100.0, p.source, 'position ' || p.id, p.date_key, 1, p.id, p.pct_bp
FROM position AS p JOIN agreement AS a ON a.code = p.agreement
UNION ALL
SELECT o.date, o.agreement, 'outcome', NULL,
	o.kind || CASE o.kind WHEN 'tentative' THEN ' (agreement in principle)' ELSE '' END
		|| coalesce(' in round ' || o.round, ''),
	NULL, NULL, NULL, o.source, 'outcome ' || o.id, o.date_key, 2, o.id, NULL
FROM outcome AS o
UNION ALL
SELECT f.start, f.agreement, 'furlough-start', NULL,
	printf('%,d', f.workers) || CASE f.workers WHEN 1 THEN ' worker' ELSE ' workers' END || ' on unpaid leave'
		|| coalesce(' until ' || f."end", '')
		|| CASE WHEN f.stopgap IS NOT NULL THEN '; stopgap funding paid' ELSE '' END,
	f.stopgap, CASE WHEN f.stopgap IS NOT NULL THEN coalesce(f.currency, a.currency) END, NULL,
	f.source, 'furlough ' || f.id, f.start_key, 3, f.id, NULL
FROM furlough AS f JOIN agreement AS a ON a.code = f.agreement
UNION ALL
SELECT f."end", f.agreement, 'furlough-end', NULL,
	printf('%,d', f.workers) || CASE f.workers WHEN 1 THEN ' worker' ELSE ' workers' END
		|| ' back from unpaid leave since ' || f.start,
	NULL, NULL, NULL, f.source, 'furlough ' || f.id, f.end_key, 4, f.id, NULL
FROM furlough AS f
WHERE f."end" IS NOT NULL;

CREATE VIEW timeline AS
SELECT date, agreement, type, party, summary, amount, currency, pct, source, ref
FROM timeline_event
ORDER BY date_key, type_order, record_id;

-- One row per agreement: its baseline, rounds held, the standing offer and
-- demand, furloughs and the latest outcome.  Worker-days count each
-- furlough's days inclusive and are left empty, with a note, unless every
-- furlough has a day-precise start and end.
CREATE VIEW agreement_summary_row AS
WITH counted AS (
	SELECT a.id, a.code AS agreement, a.start_year, b.baseline, b.currency, b.baseline_note,
		(SELECT count(*) FROM round AS r WHERE r.agreement = a.code) AS rounds,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key, r.id LIMIT 1) AS first_round,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key DESC, r.id DESC LIMIT 1) AS last_round,
		(SELECT coalesce(sum(f.workers), 0) FROM furlough AS f WHERE f.agreement = a.code) AS furlough_workers,
		-- the sum of each furlough's worker-days, taken only when every one is
		-- known and the sum cannot overflow (it is at most count * max)
		(SELECT CASE WHEN count(*) = 0 THEN 0
			     WHEN count(*) = count(worker_days) AND max(worker_days) <= 9223372036854775807 / count(*)
			     THEN sum(worker_days) END
		 FROM (SELECT CASE WHEN days >= 1 AND workers <= 9223372036854775807 / days THEN workers * days END AS worker_days
		       FROM (SELECT f.workers,
				CASE WHEN length(rtrim(f.start, '~?%')) = 10 AND length(rtrim(f."end", '~?%')) = 10
				     THEN (unixepoch(substr(f."end", 1, 10)) - unixepoch(substr(f.start, 1, 10))) / 86400 + 1
				END AS days
			     FROM furlough AS f WHERE f.agreement = a.code))) AS furlough_worker_days,
		(SELECT group_concat(why, '; ')
		 FROM (SELECT 'furlough ' || f.id || CASE
				WHEN f."end" IS NULL THEN ' has no end date'
				WHEN length(rtrim(f.start, '~?%')) < 10 OR length(rtrim(f."end", '~?%')) < 10
				THEN ' (' || f.start || ' to ' || f."end" || ') is not day-precise'
				WHEN f.end_key < f.start_key THEN ' ends before it starts' END AS why
		       FROM furlough AS f WHERE f.agreement = a.code
		       ORDER BY f.start_key, f.id)) AS furlough_note,
		(SELECT o.kind FROM outcome AS o WHERE o.agreement = a.code
		 ORDER BY o.date_key DESC, o.id DESC LIMIT 1) AS outcome
	FROM agreement AS a JOIN agreement_basis AS b ON b.agreement = a.code
	LIMIT -1 OFFSET 0
)
SELECT c.id, c.agreement, c.start_year, c.baseline, c.currency, c.rounds, c.first_round, c.last_round,
	g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp, c.furlough_workers, c.furlough_worker_days, c.outcome,
	nullif(substr(
		coalesce('; ' || baseline_note, '')
		|| coalesce('; ' || CASE WHEN offer_id IS NOT NULL AND offer IS NULL
			THEN 'no offer: position ' || offer_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN demand_id IS NOT NULL AND demand IS NULL
			THEN 'no demand: position ' || demand_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN offer IS NOT NULL AND demand IS NOT NULL AND gap IS NULL
			THEN 'the gap is too large' END, '')
		|| coalesce('; no worker-days: ' || furlough_note, '')
		|| coalesce('; ' || CASE WHEN furlough_note IS NULL AND furlough_worker_days IS NULL
			THEN 'the worker-days are too many to count' END, ''), 3), '') AS note
FROM counted AS c JOIN standing_gap AS g ON g.subject = 'agreement' AND g.subject_id = c.id;

CREATE VIEW agreement_summary AS
SELECT agreement, baseline, currency, rounds, first_round, last_round, offer, demand, gap, gap_pts,
	furlough_workers, furlough_worker_days, outcome, note
FROM agreement_summary_row
ORDER BY coalesce(start_year, 9999), id;
