-- position_delta.sql - the delta report: each position against the same party's previous one and the standing gap.

-- One row per position, compared with the same party's previous position,
-- the other party's latest position and the standing offer and demand up
-- to this row in timeline order.  Each position is resolved once
-- (position_resolved) and what later rows need of it is carried forward in
-- one ordered pass of each agreement's positions (window functions), so
-- the report reads every position once and stays linear.  Every window
-- function shares one window: SQLite sorts the rows once for each
-- distinct window, and each sort holds a share of the report's memory.
--
-- SQLite has no "last value that is not NULL" window function, so the
-- latest offer, demand and position of each party is carried as text that
-- sorts as the positions do and holds what the rows after it need: 10
-- digits of date_key, 19 of id, the approx and rumored flags (0 or 1),
-- the amount (empty when it has none), '|' and the date; its max() over
-- the agreement's positions before this row is the latest one.  This
-- row's own figures are added to it outside the window (offer, demand),
-- and the same party's previous position is the latest of its side before
-- this row: with one or two parties, the sides are first_party and
-- last_party; with more, which no window can tell apart, it is looked up.
CREATE VIEW position_delta_row AS
WITH keyed AS (
	SELECT r.id, r.agreement, r.date, r.date_key, r.party, r.kind, r.baseline, r.amount, r.pct_bp,
		r.note AS own_note, s.parties, s.first_party, s.last_party,
		printf('%010d%019d%d%d%s|%s', r.date_key, r.id, coalesce(r.amount_approx, 0) = 1, r.confidence = 'rumored',
			coalesce(r.amount, ''), r.date) AS carried
	-- every agreement with a position has sides, so the LEFT JOIN adds nothing
	FROM position_resolved AS r LEFT JOIN agreement_sides AS s ON s.agreement = r.agreement
),
latest AS (
	SELECT *,
		max(CASE WHEN kind = 'offer' THEN carried END) OVER before AS offer_before,
		max(CASE WHEN kind = 'demand' THEN carried END) OVER before AS demand_before,
		max(CASE WHEN party = first_party THEN carried END) OVER before AS first_before,
		max(CASE WHEN party = last_party THEN carried END) OVER before AS last_before
	FROM keyed
	WINDOW before AS (PARTITION BY agreement ORDER BY date_key, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
related AS (
	SELECT id, agreement, date, date_key, party, kind, baseline, amount, pct_bp, own_note, parties, carried,
		CASE WHEN kind = 'offer' THEN carried ELSE offer_before END AS offer,
		CASE WHEN kind = 'demand' THEN carried ELSE demand_before END AS demand,
		-- this row is not the other party's, so the latest before it is the latest
		CASE WHEN parties = 2 THEN CASE WHEN party = first_party THEN last_before ELSE first_before END END AS other,
		CASE WHEN parties > 2 THEN
			(SELECT printf('%010d%019d%d%d%s|%s', a.date_key, a.id, coalesce(a.amount_approx, 0) = 1,
				a.confidence = 'rumored', coalesce(a.amount, ''), a.date)
			 FROM position_amount AS a
			 WHERE a.id = (SELECT q.id FROM position_counted AS q
				       WHERE q.agreement = l.agreement AND q.party = l.party
					 AND (q.date_key, q.id) < (l.date_key, l.id)
				       ORDER BY q.date_key DESC, q.id DESC LIMIT 1))
		     WHEN party = first_party THEN first_before ELSE last_before END AS prev
	FROM latest AS l
	LIMIT -1 OFFSET 0
),
standing AS (
	SELECT id, agreement, date, date_key, party, kind, baseline, amount, pct_bp, own_note, parties,
		substr(carried, 30, 1) = '1' AS approx, substr(carried, 31, 1) = '1' AS rumored,
		CAST(substr(prev, 11, 19) AS INTEGER) AS prev_id,
		CAST(nullif(substr(prev, 32, instr(prev, '|') - 32), '') AS INTEGER) AS prev_amount,
		substr(prev, 30, 1) = '1' AS prev_approx, substr(prev, 31, 1) = '1' AS prev_rumored,
		substr(prev, instr(prev, '|') + 1) AS prev_date,
		CAST(substr(offer, 11, 19) AS INTEGER) AS offer_id,
		CAST(nullif(substr(offer, 32, instr(offer, '|') - 32), '') AS INTEGER) AS offer_amount,
		substr(offer, 30, 1) = '1' AS offer_approx, substr(offer, 31, 1) = '1' AS offer_rumored,
		CAST(substr(demand, 11, 19) AS INTEGER) AS demand_id,
		CAST(nullif(substr(demand, 32, instr(demand, '|') - 32), '') AS INTEGER) AS demand_amount,
		substr(demand, 30, 1) = '1' AS demand_approx, substr(demand, 31, 1) = '1' AS demand_rumored,
		CAST(substr(other, 11, 19) AS INTEGER) AS other_id,
		CAST(nullif(substr(other, 32, instr(other, '|') - 32), '') AS INTEGER) AS other_amount,
		substr(other, 30, 1) = '1' AS other_approx, substr(other, 31, 1) = '1' AS other_rumored
	FROM related
	LIMIT -1 OFFSET 0
),
differences AS (
	-- the differences of two amounts within [-M, M] stay there, so abs() is safe
	SELECT *,
		@DIFF(amount, prev_amount) AS change,
		@DIFF(demand_amount, offer_amount) AS gap,
		CASE WHEN prev_id IS NOT NULL AND @DAY_PRECISE(date) AND @DAY_PRECISE(prev_date)
		     THEN @DAYS(prev_date, date) END AS days
	FROM standing
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
	-- given as approximate, and those that are rumored, each once, by id
	SELECT *,
		CASE WHEN approx OR prev_approx OR other_approx OR offer_approx OR demand_approx THEN
			(SELECT group_concat(column1, ', ') FROM (SELECT DISTINCT column1 FROM (VALUES
				(iif(approx, id, NULL)), (iif(prev_approx, prev_id, NULL)), (iif(other_approx, other_id, NULL)),
				(iif(offer_approx, offer_id, NULL)), (iif(demand_approx, demand_id, NULL)))
			 WHERE column1 IS NOT NULL ORDER BY column1)) END AS approx_ids,
		CASE WHEN rumored OR prev_rumored OR other_rumored OR offer_rumored OR demand_rumored THEN
			(SELECT group_concat(column1, ', ') FROM (SELECT DISTINCT column1 FROM (VALUES
				(iif(rumored, id, NULL)), (iif(prev_rumored, prev_id, NULL)), (iif(other_rumored, other_id, NULL)),
				(iif(offer_rumored, offer_id, NULL)), (iif(demand_rumored, demand_id, NULL)))
			 WHERE column1 IS NOT NULL ORDER BY column1)) END AS rumored_ids
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
