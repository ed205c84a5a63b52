-- agreement_terms.sql - the terms report: each agreement year's amount, its escalation rule and what the rule gives.
--
-- A year set by a rule gets its expected amount from the previous year's
-- amount (its stated amount, else its own expected amount) times the
-- growth of the rule's series from year - lag - 1 to year - lag, the
-- growth held within cap and floor (percent).  The previous year is the
-- agreement's own, else the previous agreement's (SMA-12's first year
-- follows SMA-11's last).  Everything is exact: the growth v1 / v0 is
-- reduced by the powers of ten the two values share (KR.DEFENSE's 54.6T
-- over 52.8T is 546 over 528), so the product stays within 64 bits, and
-- where it cannot (@MULDIV gives NULL) the year is empty with a note,
-- never a REAL.  A year that cannot be computed (a missing index value, a
-- missing previous year or amount) is empty with a note that names what
-- is missing.
-- Each scheduled year with its rule worked out as far as one step goes:
-- the previous year (prev_id), the factor num / den that the rule applies
-- to the previous year's amount, the growth applied (growth_bp), and
-- step_expected: the expected amount when the previous year has a stated
-- amount in the same currency.  agreement_terms_row chains it through
-- years with no stated amount.
CREATE VIEW schedule_step AS
WITH rule AS (
	SELECT s.id, s.agreement, s.year, s.amount, s.amount_approx, coalesce(s.currency, a.currency) AS currency,
		s."index" AS series, coalesce(s.lag, 0) AS lag, s.cap_bp, s.floor_bp, s.source, a.previous,
		a.id AS agreement_id, a.start_year,
		coalesce(
			(SELECT q.id FROM schedule AS q WHERE q.agreement = s.agreement AND q.year = s.year - 1),
			(SELECT q.id FROM schedule AS q WHERE q.agreement = a.previous AND q.year = s.year - 1)) AS prev_id,
		i0.value_e4 AS v0, i1.value_e4 AS v1
	FROM schedule AS s JOIN agreement AS a ON a.code = s.agreement
	LEFT JOIN "index" AS i0 ON s."index" IS NOT NULL AND i0.series = s."index"
		AND i0.period = CAST(s.year - coalesce(s.lag, 0) - 1 AS TEXT)
	LEFT JOIN "index" AS i1 ON s."index" IS NOT NULL AND i1.series = s."index"
		AND i1.period = CAST(s.year - coalesce(s.lag, 0) AS TEXT)
),
shared AS (
	-- the trailing zeros that v0 and v1 share
	SELECT *, min(length(v0) - length(rtrim(v0, '0')), length(v1) - length(rtrim(v1, '0'))) AS zeros
	FROM rule
),
growth AS (
	SELECT *,
		CAST(substr(v1, 1, length(v1) - zeros) AS INTEGER) AS n,
		CAST(substr(v0, 1, length(v0) - zeros) AS INTEGER) AS d
	FROM shared
),
bounded AS (
	-- bound: 1 when the cap applies, -1 the floor, 0 neither, NULL when the
	-- comparison itself would not fit in 64 bits; num / den is the factor
	SELECT *,
		CASE WHEN n IS NULL OR d IS NULL THEN NULL
		     WHEN n > 922337203685477 THEN NULL
		     WHEN cap_bp IS NOT NULL AND (10000 + cap_bp <= 0 OR d > 9223372036854775807 / (10000 + cap_bp)) THEN NULL
		     WHEN floor_bp IS NOT NULL AND 10000 + floor_bp > 0 AND d > 9223372036854775807 / (10000 + floor_bp) THEN NULL
		     WHEN cap_bp IS NOT NULL AND n * 10000 > d * (10000 + cap_bp) THEN 1
		     WHEN floor_bp IS NOT NULL AND 10000 + floor_bp > 0 AND n * 10000 < d * (10000 + floor_bp) THEN -1
		     ELSE 0 END AS bound
	FROM growth
),
factor AS (
	SELECT *,
		CASE bound WHEN 1 THEN 10000 + cap_bp WHEN -1 THEN 10000 + floor_bp WHEN 0 THEN n END AS num,
		CASE bound WHEN 1 THEN 10000 WHEN -1 THEN 10000 WHEN 0 THEN d END AS den,
		CASE bound WHEN 1 THEN cap_bp WHEN -1 THEN floor_bp WHEN 0 THEN @POINTS(n - d, d) END AS growth_bp
	FROM bounded
)
SELECT f.*, p.amount AS prev_amount, p.amount_approx AS prev_amount_approx,
	coalesce(p.currency, pa.currency) AS prev_currency, p.year AS prev_year, p.agreement AS prev_agreement,
	CASE WHEN f.series IS NOT NULL AND coalesce(p.currency, pa.currency) = f.currency AND p.amount IS NOT NULL
	     THEN @MULDIV(p.amount, f.num, f.den) END AS step_expected
FROM factor AS f
LEFT JOIN schedule AS p ON p.id = f.prev_id
LEFT JOIN agreement AS pa ON pa.code = p.agreement;

CREATE VIEW agreement_terms_row AS
WITH RECURSIVE
factor AS (
	SELECT * FROM schedule_step
),
chain (id, value, approx) AS (
	-- each year's amount as the next year builds on it: stated, else expected
	SELECT id, amount, amount_approx FROM factor WHERE series IS NULL OR prev_id IS NULL
	UNION ALL
	SELECT f.id,
		CASE WHEN f.amount IS NOT NULL THEN f.amount
		     WHEN f.prev_currency = f.currency AND c.value IS NOT NULL THEN @MULDIV(c.value, f.num, f.den) END,
		CASE WHEN f.amount IS NOT NULL THEN f.amount_approx ELSE c.approx END
	FROM chain AS c JOIN factor AS f ON f.prev_id = c.id AND f.series IS NOT NULL
),
expected AS (
	SELECT f.*, c.value AS prev_value, c.approx AS prev_approx, own.value, own.approx AS value_approx,
		CASE WHEN f.series IS NOT NULL AND f.prev_currency = f.currency AND c.value IS NOT NULL
		     THEN @MULDIV(c.value, f.num, f.den) END AS expected
	FROM factor AS f
	LEFT JOIN chain AS own ON own.id = f.id
	LEFT JOIN chain AS c ON c.id = f.prev_id
),
summed AS (
	SELECT *,
		@DIFF(amount, expected) AS diff,
		CASE WHEN count(value) OVER so_far = count(*) OVER so_far
			AND max(value) OVER so_far <= 9223372036854775807 / count(*) OVER so_far
		     THEN sum(value) OVER so_far END AS cumulative,
		min(CASE WHEN value IS NULL THEN year END) OVER so_far AS first_missing
	FROM expected
	WINDOW so_far AS (PARTITION BY agreement ORDER BY year ROWS UNBOUNDED PRECEDING)
)
SELECT id, agreement, agreement_id, start_year, year, amount, amount_approx, currency,
	CASE WHEN series IS NOT NULL THEN series
		|| CASE WHEN lag <> 0 THEN ', lag ' || lag ELSE '' END
		|| coalesce(', cap ' || @BP_TEXT(cap_bp) || '%', '')
		|| coalesce(', floor ' || @BP_TEXT(floor_bp) || '%', '') END AS rule,
	growth_bp / 100.0 AS growth_pct, expected, diff, cumulative, source, value, value_approx, growth_bp,
	nullif(substr(
		coalesce('; ' || CASE WHEN series IS NULL THEN NULL
			WHEN v0 IS NULL AND v1 IS NULL
			THEN 'no expected amount: no ' || series || ' values for ' || (year - lag - 1) || ' and ' || (year - lag)
			WHEN v0 IS NULL OR v1 IS NULL
			THEN 'no expected amount: no ' || series || ' value for ' || CASE WHEN v0 IS NULL THEN year - lag - 1 ELSE year - lag END
			WHEN prev_id IS NULL
			THEN 'no expected amount: no ' || (year - 1) || ' in the schedule of ' || agreement || coalesce(' or ' || previous, '')
			WHEN prev_currency <> currency
			THEN 'no expected amount: ' || prev_agreement || ' ' || prev_year || ' is in ' || prev_currency || ', not ' || currency
			WHEN prev_value IS NULL
			THEN 'no expected amount: ' || prev_agreement || ' ' || prev_year || ' has no amount'
			WHEN expected IS NULL THEN 'no expected amount: the figures are too large for exact arithmetic'
			WHEN bound = 1 THEN series || ' grew ' || @BP_TEXT(@POINTS(n - d, d)) || '%, capped at ' || @BP_TEXT(cap_bp) || '%'
			WHEN bound = -1 THEN series || ' grew ' || @BP_TEXT(@POINTS(n - d, d)) || '%, floored at ' || @BP_TEXT(floor_bp) || '%'
			END, '')
		|| coalesce('; ' || CASE WHEN amount IS NOT NULL AND expected IS NOT NULL AND diff IS NULL THEN 'the diff is too large' END, '')
		|| coalesce('; ' || CASE WHEN amount_approx = 1 THEN 'about: the amount is approximate'
			WHEN expected IS NOT NULL AND prev_approx = 1
			THEN 'about: expected from the approximate amount of ' || prev_agreement || ' ' || prev_year END, '')
		|| coalesce('; ' || CASE WHEN first_missing IS NOT NULL THEN 'no cumulative: ' || first_missing || ' has no amount'
			WHEN cumulative IS NULL THEN 'the cumulative amount is too large' END, ''), 3), '') AS note
FROM summed;

CREATE VIEW agreement_terms AS
SELECT agreement, year, amount, currency, rule, growth_pct, expected, diff, cumulative, source, note
FROM agreement_terms_row
ORDER BY coalesce(start_year, 9999), agreement_id, year;
