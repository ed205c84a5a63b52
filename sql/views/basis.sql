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
