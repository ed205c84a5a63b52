-- best_standing_gap.sql - the standing_gap view written out, read by round_delta_best.sql and summary_best.sql.
--
-- Not a statement on its own: bench/delta.sh joins it after
-- best_common.sql and before the report's file, in the one WITH
-- statement that the two begin and the report ends.  The standing offer
-- and demand at each moment (the end of a round, or the whole of an
-- agreement) are each found by an index search (position_by_kind) and
-- resolved once, by id.  When sql/views/standing_gap.sql changes, write
-- this out from it again.
standing_gap AS NOT MATERIALIZED (
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
		CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL ELSE CASE WHEN (abs(gap)) <= 9223372036854775807 / 10000 THEN (abs(gap)) * 10000 / baseline + ((abs(gap)) * 10000 % baseline >= baseline - (abs(gap)) * 10000 % baseline)
	     WHEN baseline <= 9223372036854775807 / 10000 AND (abs(gap)) / baseline < 9223372036854775807 / 10000
	     THEN (abs(gap)) / baseline * 10000 + (abs(gap)) % baseline * 10000 / baseline + ((abs(gap)) % baseline * 10000 % baseline >= baseline - (abs(gap)) % baseline * 10000 % baseline)
	END END AS gap_pts_bp
	FROM gaps
	LIMIT -1 OFFSET 0
)
SELECT subject, subject_id, agreement, offer_id, demand_id, offer, demand, gap,
	gap_pts_bp / 100.0 AS gap_pts, gap_pts_bp
FROM points
),
