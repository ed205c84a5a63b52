-- basis.sql - what an agreement's figures rest on: its baseline and the parties with positions.
--
-- The files of sql/views/ hold the reports as views: timeline,
-- position_delta, round_delta and agreement_summary, so that the sqlite3
-- shell, Datasette or sqlite-utils see exactly the rows that `smalog
-- timeline`, `delta`, `delta --by round` and `summary` print.  Each of
-- these selects the columns of SPEC section 3 from a *_row view that also
-- carries the sort keys, which is what smalog filters and orders on.  The
-- files are created in meson.build's order, each after the views it reads.
--
-- Views hold no data, so they are not migrated: smalog stamps the views it
-- made in a file (the view smalog_views, see src/schema.c), and a file
-- whose stamp is not this build's gets these views again from its next
-- writer or upgrade.  Readers always read smalog's views, made TEMP on the
-- connection.
--
-- Money and percentages are exact integers throughout (sql/macros.sql).
-- Percentages and points are computed as integer hundredths (the *_bp
-- columns of the *_row views, which smalog's outputs print with exactly
-- two decimals) and shown as numbers, bp / 100.0: the double nearest to
-- the two-decimal figure, so that WHERE pct > 50 and ORDER BY gap_pts
-- compare numbers in every tool.
--
-- Dates compare by their sort keys (see date.h): a period counts from its
-- first day, and a coarser date comes before a finer one on that day.
--
-- The steps marked LIMIT -1 OFFSET 0 are optimization fences.  Without
-- them SQLite flattens the steps into one query and copies each step's
-- expressions, index searches included, into every place that uses them;
-- with them each step is computed once per row and streamed to the next.

-- What an agreement's percentages are measured against: its baseline,
-- else the amount in force when its negotiation began, the previous
-- agreement's last scheduled year (its stated amount, else the amount its
-- stated amount), else the previous agreement's total; an amount in
-- another currency is none.  baseline_from says which, and
-- baseline_approx whether that amount was given as approximate.  A last
-- year with no stated amount gives no baseline, with a note that points to
-- `smalog terms` for what its rule gives: every position's figures rest
-- on this view, and working a rule out for each of them would cost a
-- chain of searches per row.
CREATE VIEW agreement_basis AS
WITH last AS (
	SELECT a.code, a.currency, a.baseline AS own, a.baseline_approx AS own_approx, a.previous,
		prev.currency AS prev_currency, prev.total, prev.total_approx,
		(SELECT s.id FROM schedule AS s WHERE s.agreement = a.previous ORDER BY s.year DESC LIMIT 1) AS last_id
	FROM agreement AS a LEFT JOIN agreement AS prev ON prev.code = a.previous
),
scheduled AS (
	SELECT l.*, s.year AS last_year, coalesce(s.currency, l.prev_currency) AS last_currency,
		s.amount AS last_value, s.amount_approx AS last_approx
	FROM last AS l LEFT JOIN schedule AS s ON s.id = l.last_id
),
picked AS (
	SELECT *,
		CASE WHEN own IS NOT NULL THEN own
		     WHEN last_id IS NOT NULL THEN CASE WHEN last_currency = currency THEN last_value END
		     WHEN prev_currency = currency THEN total END AS baseline,
		CASE WHEN own IS NOT NULL THEN own_approx
		     WHEN last_id IS NOT NULL THEN last_approx
		     ELSE total_approx END AS baseline_approx
	FROM scheduled
)
SELECT code AS agreement, currency, baseline,
	CASE WHEN own IS NOT NULL OR baseline IS NULL THEN NULL
	     WHEN last_id IS NOT NULL THEN previous || ' ' || last_year
	     ELSE 'the total of ' || previous END AS baseline_from,
	CASE WHEN baseline IS NOT NULL THEN baseline_approx = 1 END AS baseline_approx,
	CASE WHEN baseline = 0 THEN 'the baseline of ' || code || ' is 0: no pct or points'
	     WHEN own IS NOT NULL THEN NULL
	     WHEN previous IS NULL THEN 'no baseline: ' || code || ' has no baseline and no previous agreement'
	     WHEN last_id IS NOT NULL AND last_currency <> currency
	     THEN 'no baseline: ' || previous || ' ' || last_year || ' is in ' || last_currency || ', not ' || currency
	     WHEN last_id IS NOT NULL AND baseline IS NULL
	     THEN 'no baseline: ' || previous || ' ' || last_year || ' has no stated amount (see smalog terms for what its rule gives; or set a baseline)'
	     WHEN last_id IS NOT NULL THEN NULL
	     WHEN total IS NULL THEN 'no baseline: ' || code || ' has no baseline and ' || previous || ' has no total'
	     WHEN prev_currency <> currency
	     THEN 'no baseline: the total of ' || previous || ' is in ' || prev_currency || ', not ' || currency
	END AS baseline_note
FROM picked;

-- Which parties have positions in each agreement: "the other party" is
-- defined when there are exactly two.
CREATE VIEW agreement_sides AS
SELECT agreement, min(party) AS first_party, max(party) AS last_party, count(DISTINCT party) AS parties
FROM position_counted
GROUP BY agreement;
