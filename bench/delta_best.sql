-- delta_best.sql - the plain SQL that smalog's delta is measured against, run by bench/delta.sh.
--
-- The end of the WITH statement that bench/best_common.sql begins: run
-- the two joined, cat bench/best_common.sql bench/delta_best.sql |
-- sqlite3 DB.  The rest of the report's views written out as
-- best_common.sql writes them, then report.delta's columns and order.
-- Each position is resolved once, and the
-- same party's previous position, the other party's latest and the
-- standing offer and demand are carried forward in one ordered pass of
-- one window, so the positions are sorted twice: for the window and for
-- the report's order.  Two forms before it returned the same rows: one
-- that searched the indexes for each position's related rows and resolved
-- their amounts again (eight searches a row), and one with a second
-- window for the same party's previous position, which sorted every
-- position once more: at 100,000 positions, with the same cache, about
-- 1.1x this file's CPU time and 12.4 MB of peak memory in the shell
-- against 10.1 MB.
-- bench/delta.sh first checks that the two give smalog's rows; when
-- sql/views/ changes, write this file out from the views again (the
-- CREATE VIEW statements that `smalog init` stores, in order:
-- agreement_sides, position_resolved, position_delta_row; the others
-- are in best_common.sql).
agreement_sides AS NOT MATERIALIZED (
SELECT agreement, min(party) AS first_party, max(party) AS last_party, count(DISTINCT party) AS parties
FROM position_counted
GROUP BY agreement
),
position_resolved AS NOT MATERIALIZED (
WITH pcts AS (
	-- in no order: the reports that read it order it as they need, and
	-- search nothing for each position
	SELECT *,
		CASE
			WHEN stated_amount IS NULL OR amount IS NULL OR baseline IS NULL OR baseline = 0 THEN stated_pct_bp
			-- amount and baseline are both >= 0 here, so their difference cannot overflow
			ELSE CASE WHEN (amount - baseline) < 0 THEN -1 ELSE 1 END *
		CASE WHEN (amount - baseline) IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL ELSE CASE WHEN (abs((amount - baseline))) <= 9223372036854775807 / 10000 THEN (abs((amount - baseline))) * 10000 / baseline + ((abs((amount - baseline))) * 10000 % baseline >= baseline - (abs((amount - baseline))) * 10000 % baseline)
	     WHEN baseline <= 9223372036854775807 / 10000 AND (abs((amount - baseline))) / baseline < 9223372036854775807 / 10000
	     THEN (abs((amount - baseline))) / baseline * 10000 + (abs((amount - baseline))) % baseline * 10000 / baseline + ((abs((amount - baseline))) % baseline * 10000 % baseline >= baseline - (abs((amount - baseline))) % baseline * 10000 % baseline)
	END END
		END AS pct_bp
	FROM position_amount
	LIMIT -1 OFFSET 0
)
SELECT id, agreement, date, date_key, party, kind, currency, baseline, amount, pct_bp, stated_amount, stated_pct_bp,
	nullif(substr(
		coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency AND from_rate IS NULL
			THEN 'no ' || stated_currency || ' rate on or before ' || date END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency AND to_rate IS NULL
			THEN 'no ' || currency || ' rate on or before ' || date END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND stated_currency <> currency
				AND from_rate IS NOT NULL AND to_rate IS NOT NULL THEN
			CASE WHEN amount IS NULL THEN 'the amount is too large to convert exactly'
			     ELSE 'converted from ' || stated_currency || ' at ' || substr(
				coalesce(' and the ' || stated_currency || ' rate of ' || from_rate_date, '')
				|| coalesce(' and the ' || currency || ' rate of ' || to_rate_date, ''), 6) END END, '')
		|| coalesce('; ' || baseline_note, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NULL AND baseline IS NOT NULL AND amount IS NULL
			THEN 'the amount that the pct implies is too large' END, '')
		|| coalesce('; ' || CASE WHEN stated_amount IS NOT NULL AND amount IS NOT NULL AND baseline > 0 AND pct_bp IS NULL
			THEN 'no pct: the figures are too large for exact arithmetic' END, '')
		|| CASE WHEN baseline_approx THEN '; about: the baseline is approximate' ELSE '' END, 3), '') AS note,
	amount_approx, confidence
FROM pcts
),
position_delta_row AS NOT MATERIALIZED (
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
		CASE WHEN amount IS NULL OR prev_amount IS NULL THEN NULL
		     WHEN prev_amount > 0 AND amount < prev_amount - 9223372036854775807 THEN NULL
		     WHEN prev_amount < 0 AND amount > 9223372036854775807 + prev_amount THEN NULL
		     ELSE amount - prev_amount END AS change,
		CASE WHEN demand_amount IS NULL OR offer_amount IS NULL THEN NULL
		     WHEN offer_amount > 0 AND demand_amount < offer_amount - 9223372036854775807 THEN NULL
		     WHEN offer_amount < 0 AND demand_amount > 9223372036854775807 + offer_amount THEN NULL
		     ELSE demand_amount - offer_amount END AS gap,
		CASE WHEN prev_id IS NOT NULL AND length(rtrim(date, '~?%')) = 10 AND length(rtrim(prev_date, '~?%')) = 10
		     THEN (unixepoch(substr(date, 1, 10)) - unixepoch(substr(prev_date, 1, 10))) / 86400 END AS days
	FROM standing
	LIMIT -1 OFFSET 0
),
points AS (
	SELECT *,
		CASE WHEN change < 0 THEN -1 ELSE 1 END *
		CASE WHEN change IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL ELSE CASE WHEN (abs(change)) <= 9223372036854775807 / 10000 THEN (abs(change)) * 10000 / baseline + ((abs(change)) * 10000 % baseline >= baseline - (abs(change)) * 10000 % baseline)
	     WHEN baseline <= 9223372036854775807 / 10000 AND (abs(change)) / baseline < 9223372036854775807 / 10000
	     THEN (abs(change)) / baseline * 10000 + (abs(change)) % baseline * 10000 / baseline + ((abs(change)) % baseline * 10000 % baseline >= baseline - (abs(change)) % baseline * 10000 % baseline)
	END END AS change_pts_bp,
		CASE WHEN gap < 0 THEN -1 ELSE 1 END *
		CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL ELSE CASE WHEN (abs(gap)) <= 9223372036854775807 / 10000 THEN (abs(gap)) * 10000 / baseline + ((abs(gap)) * 10000 % baseline >= baseline - (abs(gap)) * 10000 % baseline)
	     WHEN baseline <= 9223372036854775807 / 10000 AND (abs(gap)) / baseline < 9223372036854775807 / 10000
	     THEN (abs(gap)) / baseline * 10000 + (abs(gap)) % baseline * 10000 / baseline + ((abs(gap)) % baseline * 10000 % baseline >= baseline - (abs(gap)) % baseline * 10000 % baseline)
	END END AS gap_pts_bp
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
FROM marked
)
SELECT agreement, date, party, kind, amount,
	CASE WHEN pct_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(pct_bp < 0, '-', ''), abs(pct_bp / 100), abs(pct_bp % 100)) END AS pct,
	prev_amount, change,
	CASE WHEN change_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(change_pts_bp < 0, '-', ''), abs(change_pts_bp / 100), abs(change_pts_bp % 100)) END AS change_pts,
	days, other_amount, gap,
	CASE WHEN gap_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(gap_pts_bp < 0, '-', ''), abs(gap_pts_bp / 100), abs(gap_pts_bp % 100)) END AS gap_pts,
	note
FROM position_delta_row
ORDER BY date_key, id;
