-- round_delta.sql - the delta --by round report: the standing gap at the end of each round.

-- One row per round: the standing offer and demand at its end, and how
-- the gap moved since the agreement's previous round.
CREATE VIEW round_delta_row AS
WITH gaps AS (
	SELECT r.id, r.agreement, r.seq, r.start, r."end", r.start_key, g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp,
		lag(g.gap) OVER (PARTITION BY r.agreement ORDER BY r.start_key, r.id) AS prev_gap
	FROM round AS r JOIN standing_gap AS g ON g.subject = 'round' AND g.subject_id = r.id
)
SELECT id, agreement, seq, start, "end", start_key, offer, demand, gap, gap_pts, gap_pts_bp,
	@DIFF(gap, prev_gap) AS change_gap
FROM gaps;

CREATE VIEW round_delta AS
SELECT agreement, seq, start, "end", offer, demand, gap, gap_pts, change_gap
FROM round_delta_row
ORDER BY start_key, id;
