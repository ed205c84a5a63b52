-- standing_gap.sql - the standing offer, demand and gap of an agreement at the end of each round and at the latest.

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
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'offer' AND q.date_key <= m.bound
			   AND (q.round IS NULL OR m.seq IS NULL OR q.round <= m.seq)
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS offer_id,
		coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = m.agreement AND q.kind = 'demand' AND q.date_key > m.bound AND q.round <= m.seq
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
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
		@DIFF(demand, offer) AS gap
	FROM amounts
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		@POINTS(gap, baseline) AS gap_pts_bp
	FROM gaps
	LIMIT -1 OFFSET 0
)
SELECT subject, subject_id, agreement, offer_id, demand_id, offer, demand, gap,
	gap_pts_bp / 100.0 AS gap_pts, gap_pts_bp
FROM points;
