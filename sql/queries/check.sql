-- check.sql - what `smalog check` asks of the database beyond each record.
-- Figures come from the report views, so check finds fault only with what
-- `delta` reports.  Each data check returns the record's kind, its id and
-- the problem in words, in the order of the kinds' tables.

-- name: check.integrity
PRAGMA integrity_check
-- name: check.foreign_keys
PRAGMA foreign_key_check
-- name: check.pct_mismatch
-- positions whose stated pct is more than half a point from the pct that
-- their amount implies, both as position_resolved gives them: the amount
-- in the agreement's currency over the baseline of agreement_basis; where
-- either cannot be resolved there is nothing to compare
SELECT id, stated_pct_bp, pct_bp, amount, baseline, currency
FROM position_resolved
WHERE stated_amount IS NOT NULL AND stated_pct_bp IS NOT NULL AND pct_bp IS NOT NULL
  AND abs(pct_bp - stated_pct_bp) > 50
ORDER BY id
-- name: check.dates
-- Dates far outside their agreement's span, from two years before its
-- start year (before its first round, when it has no start year) to two
-- years after its end year, and dates whose period starts after today
-- (UTC).  Periods compare by their first day, years by the date's year.
WITH span AS (
	SELECT a.code,
		coalesce(a.start_year, (SELECT min(r.start_key) FROM round AS r WHERE r.agreement = a.code) / 100000) - 2 AS lo,
		a.end_year + 2 AS hi
	FROM agreement AS a
),
dated (kind_order, kind, id, agreement, field, date) AS (
	SELECT 1, 'agreement', id, code, 'signed', signed FROM agreement WHERE signed IS NOT NULL
	UNION ALL SELECT 2, 'source', id, NULL, 'published', published FROM source WHERE published IS NOT NULL
	UNION ALL SELECT 3, 'round', id, agreement, 'start', start FROM round
	UNION ALL SELECT 3, 'round', id, agreement, 'end', "end" FROM round WHERE "end" IS NOT NULL
	UNION ALL SELECT 4, 'position', id, agreement, 'date', date FROM position
	UNION ALL SELECT 5, 'outcome', id, agreement, 'date', date FROM outcome
	UNION ALL SELECT 6, 'furlough', id, agreement, 'start', start FROM furlough
	UNION ALL SELECT 6, 'furlough', id, agreement, 'end', "end" FROM furlough WHERE "end" IS NOT NULL
	UNION ALL SELECT 7, 'rate', id, NULL, 'date', date FROM rate
),
judged AS (
	SELECT d.*, s.lo, s.hi,
		substr(rtrim(d.date, '~?%') || '-01-01', 1, 10) > date('now') AS future,
		CAST(substr(d.date, 1, 4) AS INTEGER) < s.lo OR CAST(substr(d.date, 1, 4) AS INTEGER) > s.hi AS outside
	FROM dated AS d LEFT JOIN span AS s ON s.code = d.agreement
)
SELECT kind, id,
	field || ' ' || date || ' is '
	|| CASE WHEN future THEN 'in the future' ELSE '' END
	|| CASE WHEN future AND outside THEN ', and ' ELSE '' END
	|| CASE WHEN outside THEN 'outside the span of ' || agreement || ', '
		|| coalesce(lo || ' to ' || hi, 'from ' || lo || ' on', 'up to ' || hi)
		|| ' (two years either side of its years)' ELSE '' END AS problem
FROM judged
WHERE future OR outside
ORDER BY kind_order, id, field DESC
-- name: check.twice
-- Positions and outcomes recorded twice: identical in every field but the
-- id (line ends in text aside, so a file imported again with CRLF shows).
-- Each later copy names the first.
WITH copies AS (
	SELECT 1 AS kind_order, 'position' AS kind, id,
		min(id) OVER (PARTITION BY agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence,
			replace(terms, char(13, 10), char(10)), source, replace(notes, char(13, 10), char(10))) AS first
	FROM position
	UNION ALL
	SELECT 2, 'outcome', id,
		min(id) OVER (PARTITION BY agreement, round, date, kind, source, replace(notes, char(13, 10), char(10)))
	FROM outcome
)
SELECT kind, id, 'recorded twice: the same as ' || kind || ' ' || first || ' in every field but the id' AS problem
FROM copies
WHERE id <> first
ORDER BY kind_order, id
-- name: check.cycles
-- Agreements whose chain of previous agreements comes back to itself
-- (A → B → A), each cycle named once, from its agreement with the lowest
-- id.  A walk goes on only to agreements with a higher id than where it
-- started, and never further than there are agreements, so it ends
-- whatever the chains look like.
WITH RECURSIVE walk (start_id, id, previous, path, steps) AS (
	SELECT id, id, previous, code, 0 FROM agreement WHERE previous IS NOT NULL
	UNION ALL
	SELECT w.start_id, p.id, p.previous, w.path || ' → ' || p.code, w.steps + 1
	FROM walk AS w JOIN agreement AS p ON p.code = w.previous
	WHERE (w.steps = 0 OR w.id <> w.start_id) AND p.id >= w.start_id
	  AND w.steps < (SELECT count(*) FROM agreement)
)
SELECT 'agreement' AS kind, start_id AS id, 'previous runs in a cycle: ' || path AS problem
FROM walk
WHERE id = start_id AND steps > 0
ORDER BY start_id
