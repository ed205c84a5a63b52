-- macros.sql - the formulas that several views and queries share, stated
-- once and expanded where they are called (@NAME(args)) when sql/ is
-- embedded (tools/embed_sql.c): SQLite's SQL has no functions of its own
-- and a view takes no arguments, and routing each figure through a helper
-- view would cost a join or a search per row of delta.
--
-- Money and percentages are exact integers: SQLite turns an overflowing
-- integer product into a REAL without a word, so every product is guarded
-- before it is taken, and a figure that cannot be computed exactly is NULL
-- (its view says why in a note) rather than approximated.
-- 9223372036854775807 is the largest integer, M below.

-- macro: MULDIV(x, g, d)
-- round(x * g / d), half up, for x >= 0 and g, d > 0; NULL when it cannot
-- be computed exactly.  The first branch multiplies directly; the second
-- splits x into (x / d) * d + x % d so that no product can overflow.  The
-- comparison adds one when the remainder is at least half of d.
CASE WHEN x <= 9223372036854775807 / g THEN x * g / d + (x * g % d >= d - x * g % d)
	     WHEN d <= 9223372036854775807 / g AND x / d < 9223372036854775807 / g
	     THEN x / d * g + x % d * g / d + (x % d * g % d >= d - x % d * g % d)
	END

-- macro: POINTS(x, base)
-- x in hundredths of a percent of base (the *_bp figures), rounded half
-- away from zero: the rounding of abs(x), then x's sign; NULL when x or
-- base is, or base is 0.
CASE WHEN x < 0 THEN -1 ELSE 1 END *
		CASE WHEN x IS NULL OR base IS NULL OR base = 0 THEN NULL ELSE @MULDIV(abs(x), 10000, base) END

-- macro: DIFF(a, b)
-- a - b, or NULL when either is NULL or the difference would overflow
-- (the differences of two amounts within [-M, M] stay there, so abs() of
-- one is safe).
CASE WHEN a IS NULL OR b IS NULL THEN NULL
		     WHEN b > 0 AND a < b - 9223372036854775807 THEN NULL
		     WHEN b < 0 AND a > 9223372036854775807 + b THEN NULL
		     ELSE a - b END

-- macro: BP_TEXT(bp)
-- hundredths as smalog prints them, with exactly two decimals
CASE WHEN bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(bp < 0, '-', ''), abs(bp / 100), abs(bp % 100)) END

-- macro: DAY_PRECISE(date)
-- whether a date names one day (2020-04-01, with or without ~ ? %)
length(rtrim(date, '~?%')) = 10

-- macro: DAYS(a, b)
-- the days from day-precise date a to b
(unixepoch(substr(b, 1, 10)) - unixepoch(substr(a, 1, 10))) / 86400

-- macro: CHAIN(t)
-- The WITH clause that gives each agreement of table t its depth along
-- the chain of `previous` (chain(code, depth)): 0 for one that names no
-- previous agreement or a missing one, each reached once through the
-- index on previous, so a chain of any length costs time in proportion
-- to it.  An agreement in a cycle is reached from no start and has no row.
WITH RECURSIVE chain(code, depth) AS (
	SELECT code, 0 FROM t
	WHERE previous IS NULL OR NOT EXISTS (SELECT 1 FROM t p WHERE p.code = t.previous)
	UNION ALL
	SELECT a.code, chain.depth + 1 FROM chain JOIN t a ON a.previous = chain.code
)
