-- position_delta.sql - the delta report: each position against the same party's previous one and the standing gap.

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
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key < r.date_key
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS prev_id,
		CASE WHEN s.parties = 2 THEN coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.date_key = r.date_key AND q.id < r.id
			   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.date_key < r.date_key
			   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS other_id,
		CASE WHEN r.kind = 'offer' THEN r.id ELSE coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key < r.date_key
			 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS offer_id,
		CASE WHEN r.kind = 'demand' THEN r.id ELSE coalesce(
			(SELECT q.id FROM position_counted AS q
			 WHERE q.agreement = r.agreement AND q.kind = 'demand' AND q.date_key = r.date_key AND q.id < r.id
			 ORDER BY q.id DESC LIMIT 1),
			(SELECT q.id FROM position_counted AS q
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
		(SELECT q.date FROM position_counted AS q WHERE q.id = related.prev_id) AS prev_date,
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
		@DIFF(amount, prev_amount) AS change,
		@DIFF(demand_amount, offer_amount) AS gap,
		CASE WHEN prev_id IS NOT NULL AND @DAY_PRECISE(date) AND @DAY_PRECISE(prev_date)
		     THEN @DAYS(prev_date, date) END AS days
	FROM other
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		@POINTS(change, baseline) AS change_pts_bp,
		@POINTS(gap, baseline) AS gap_pts_bp
	FROM differences
	LIMIT -1 OFFSET 0
),
marked AS (
	-- the positions whose amounts this row's figures rest on that were
	-- given as approximate, and those that are rumored
	SELECT *,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (points.id, prev_id, other_id, offer_id, demand_id) AND q.amount_approx = 1 ORDER BY q.id)) AS approx_ids,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (points.id, prev_id, other_id, offer_id, demand_id) AND q.confidence = 'rumored' ORDER BY q.id)) AS rumored_ids
	FROM points
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
			     ELSE 'the gap is too large' END END, '')
		|| coalesce('; about: approximate ' || CASE WHEN instr(approx_ids, ',') THEN 'amounts of positions ' ELSE 'amount of position ' END
			|| approx_ids, '')
		|| coalesce('; rumored: rests on ' || CASE WHEN instr(rumored_ids, ',') THEN 'positions ' ELSE 'position ' END
			|| rumored_ids, ''), 3), '') AS note
FROM marked;

CREATE VIEW position_delta AS
SELECT agreement, date, party, kind, amount, pct, prev_amount, change, change_pts, days,
	other_amount, gap, gap_pts, note
FROM position_delta_row
ORDER BY date_key, id;
