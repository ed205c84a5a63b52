-- round_delta_best.sql - the plain SQL that smalog's delta --by round is measured against, run by bench/delta.sh.
--
-- The end of the WITH statement that bench/best_common.sql and
-- bench/best_standing_gap.sql begin: run the three joined, in that order,
-- as bench/delta.sh does.  The report's last view written out as
-- best_common.sql writes them, then report.round_delta's columns and
-- order.  The standing offer and demand at the end of each round are
-- each one index search and one resolution (standing_gap), so the work
-- grows with the rounds and not with the positions; a pass over every
-- position in order, as delta makes, would read them all for a few
-- hundred rows.  When sql/views/ changes, write this file out from the
-- views again (round_delta_row; the others are in best_common.sql and
-- best_standing_gap.sql).
round_delta_row AS NOT MATERIALIZED (
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
FROM gaps
)
SELECT agreement, seq, start, "end", offer, demand, gap,
	CASE WHEN gap_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(gap_pts_bp < 0, '-', ''), abs(gap_pts_bp / 100), abs(gap_pts_bp % 100)) END AS gap_pts,
	change_gap
FROM round_delta_row
ORDER BY start_key, id;
