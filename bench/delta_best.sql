-- delta_best.sql - the plain SQL that smalog's delta is measured against, run by bench/delta.sh.
--
-- The report's views (sql/views.sql) written out as common table
-- expressions, NOT MATERIALIZED so that SQLite plans them as it plans the
-- views, then the columns as smalog prints them.  Each position's related
-- rows (the same party's previous position, the other party's latest, the
-- standing offer and demand) are found by index searches and their amounts
-- resolved again.  Against a one ordered pass with window functions (tried
-- and left out),
-- on SQLite 3.40 and 100,000 positions, this runs about a fifth fewer
-- instructions in a third of the memory (9 MB against 26: the window
-- functions store every row, the rows read back by number are stored once
-- more, and each read back searches an automatic index); CPU time is
-- within a few percent either way.  bench/delta.sh first checks that this
-- file gives smalog's rows; when sql/views.sql changes, write this file
-- out from it again.
WITH agreement_basis AS NOT MATERIALIZED (
	SELECT a.code AS agreement, a.currency,
		CASE WHEN a.baseline IS NOT NULL THEN a.baseline
		     WHEN prev.currency = a.currency THEN prev.total END AS baseline,
		CASE WHEN a.baseline = 0 OR (a.baseline IS NULL AND prev.currency = a.currency AND prev.total = 0)
		     THEN 'the baseline of ' || a.code || ' is 0: no pct or points'
		     WHEN a.baseline IS NOT NULL THEN NULL
		     WHEN a.previous IS NULL THEN 'no baseline: ' || a.code || ' has no baseline and no previous agreement'
		     WHEN prev.total IS NULL THEN 'no baseline: ' || a.code || ' has no baseline and ' || a.previous || ' has no total'
		     WHEN prev.currency <> a.currency
		     THEN 'no baseline: the total of ' || a.previous || ' is in ' || prev.currency || ', not ' || a.currency
		END AS baseline_note
	FROM agreement AS a LEFT JOIN agreement AS prev ON prev.code = a.previous
),
agreement_sides AS NOT MATERIALIZED (
	SELECT agreement, min(party) AS first_party, max(party) AS last_party, count(DISTINCT party) AS parties
	FROM position
	GROUP BY agreement
),
position_amount AS NOT MATERIALIZED (
	WITH given AS (
		SELECT p.id, p.agreement, p.date, p.date_key, p.party, p.kind,
			p.amount AS stated_amount, coalesce(p.currency, b.currency) AS stated_currency,
			p.pct_bp AS stated_pct_bp, b.currency, b.baseline, b.baseline_note,
			-- the amount in ten-thousandths of the baseline: 1 + pct / 100
			CASE WHEN p.pct_bp <= 9223372036854765807 THEN 10000 + p.pct_bp END AS factor,
			CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) NOT IN (b.currency, 'USD') THEN
				(SELECT r.id FROM rate AS r
				 WHERE r.currency = coalesce(p.currency, b.currency) AND r.date_key <= p.date_key / 10 * 10 + 9
				 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS from_rate_id,
			CASE WHEN p.amount IS NOT NULL AND coalesce(p.currency, b.currency) <> b.currency AND b.currency <> 'USD' THEN
				(SELECT r.id FROM rate AS r
				 WHERE r.currency = b.currency AND r.date_key <= p.date_key / 10 * 10 + 9
				 ORDER BY r.date_key DESC, r.id DESC LIMIT 1) END AS to_rate_id
		FROM position AS p JOIN agreement_basis AS b ON b.agreement = p.agreement
	),
	rated AS (
		SELECT g.*,
			-- the factor's size; a negative factor (pct below -100) gives a
			-- negative amount, its sign applied after rounding
			abs(g.factor) AS scale,
			CASE WHEN g.stated_currency = 'USD' THEN 10000 ELSE rf.per_usd_e4 END AS from_rate,
			CASE WHEN g.currency = 'USD' THEN 10000 ELSE rt.per_usd_e4 END AS to_rate,
			rf.date AS from_rate_date, rt.date AS to_rate_date
		FROM given AS g
		LEFT JOIN rate AS rf ON rf.id = g.from_rate_id
		LEFT JOIN rate AS rt ON rt.id = g.to_rate_id
	)
	SELECT id, agreement, date, date_key, party, kind, currency, baseline, baseline_note,
		stated_amount, stated_currency, stated_pct_bp, from_rate, to_rate, from_rate_date, to_rate_date,
		CASE
			WHEN stated_amount IS NULL THEN
				CASE WHEN factor < 0 THEN -1 ELSE 1 END *
				CASE WHEN baseline IS NULL OR factor IS NULL THEN NULL
				     WHEN baseline = 0 OR factor = 0 THEN 0
				     WHEN baseline <= 9223372036854775807 / scale
				     THEN baseline * scale / 10000 + (baseline * scale % 10000 >= 10000 - baseline * scale % 10000)
				     WHEN scale <= 922337203685477 AND baseline / 10000 < 9223372036854775807 / scale
				     THEN baseline / 10000 * scale + baseline % 10000 * scale / 10000
					+ (baseline % 10000 * scale % 10000 >= 10000 - baseline % 10000 * scale % 10000)
				END
			WHEN stated_currency = currency THEN stated_amount
			WHEN from_rate IS NULL OR to_rate IS NULL THEN NULL
			WHEN stated_amount <= 9223372036854775807 / to_rate
			THEN stated_amount * to_rate / from_rate
				+ (stated_amount * to_rate % from_rate >= from_rate - stated_amount * to_rate % from_rate)
			WHEN from_rate <= 9223372036854775807 / to_rate AND stated_amount / from_rate < 9223372036854775807 / to_rate
			THEN stated_amount / from_rate * to_rate + stated_amount % from_rate * to_rate / from_rate
				+ (stated_amount % from_rate * to_rate % from_rate >= from_rate - stated_amount % from_rate * to_rate % from_rate)
		END AS amount
	FROM rated
),
position_resolved AS NOT MATERIALIZED (
	WITH amounts AS (
		-- in index order (position_by_agreement_date), so that what a report
		-- then searches for each position lies near what it searched for the
		-- one before: on a large file that is the difference between pages in
		-- the cache and pages read from disk
		SELECT * FROM position_amount
		ORDER BY agreement, date_key, id
		LIMIT -1 OFFSET 0
	),
	pcts AS (
		SELECT *,
			CASE
				WHEN stated_amount IS NULL OR amount IS NULL OR baseline IS NULL OR baseline = 0 THEN stated_pct_bp
				-- amount and baseline are both >= 0 here, so their difference and its abs() cannot overflow
				ELSE CASE WHEN amount < baseline THEN -1 ELSE 1 END *
					CASE WHEN abs(amount - baseline) <= 922337203685477
					     THEN abs(amount - baseline) * 10000 / baseline
						+ (abs(amount - baseline) * 10000 % baseline >= baseline - abs(amount - baseline) * 10000 % baseline)
					     WHEN baseline <= 922337203685477 AND abs(amount - baseline) / baseline < 922337203685477
					     THEN abs(amount - baseline) / baseline * 10000 + abs(amount - baseline) % baseline * 10000 / baseline
						+ (abs(amount - baseline) % baseline * 10000 % baseline
						   >= baseline - abs(amount - baseline) % baseline * 10000 % baseline)
					END
			END AS pct_bp
		FROM amounts
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
				THEN 'no pct: the figures are too large for exact arithmetic' END, ''), 3), '') AS note
	FROM pcts
),
position_delta_row AS NOT MATERIALIZED (
	WITH related AS (
		-- "latest before this row" is two searches, the same day with a smaller
		-- id, then the latest earlier day: SQLite does not search an index on a
		-- row value (date_key, id) whose last column is the rowid
		SELECT r.id, r.agreement, r.date, r.date_key, r.party, r.kind, r.baseline, r.amount, r.pct_bp,
			r.note AS own_note, s.parties,
			coalesce(
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key = r.date_key AND q.id < r.id
				 ORDER BY q.id DESC LIMIT 1),
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.party = r.party AND q.date_key < r.date_key
				 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) AS prev_id,
			CASE WHEN s.parties = 2 THEN coalesce(
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.date_key = r.date_key AND q.id < r.id
				   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
				 ORDER BY q.id DESC LIMIT 1),
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.date_key < r.date_key
				   AND q.party = CASE WHEN r.party = s.first_party THEN s.last_party ELSE s.first_party END
				 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS other_id,
			CASE WHEN r.kind = 'offer' THEN r.id ELSE coalesce(
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key = r.date_key AND q.id < r.id
				 ORDER BY q.id DESC LIMIT 1),
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.kind = 'offer' AND q.date_key < r.date_key
				 ORDER BY q.date_key DESC, q.id DESC LIMIT 1)) END AS offer_id,
			CASE WHEN r.kind = 'demand' THEN r.id ELSE coalesce(
				(SELECT q.id FROM position AS q
				 WHERE q.agreement = r.agreement AND q.kind = 'demand' AND q.date_key = r.date_key AND q.id < r.id
				 ORDER BY q.id DESC LIMIT 1),
				(SELECT q.id FROM position AS q
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
			(SELECT q.date FROM position AS q WHERE q.id = related.prev_id) AS prev_date,
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
		FROM other
		LIMIT -1 OFFSET 0
	),
	points AS (
		SELECT *,
			CASE WHEN change < 0 THEN -1 ELSE 1 END *
			CASE WHEN change IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL
			     WHEN abs(change) <= 922337203685477
			     THEN abs(change) * 10000 / baseline + (abs(change) * 10000 % baseline >= baseline - abs(change) * 10000 % baseline)
			     WHEN baseline <= 922337203685477 AND abs(change) / baseline < 922337203685477
			     THEN abs(change) / baseline * 10000 + abs(change) % baseline * 10000 / baseline
				+ (abs(change) % baseline * 10000 % baseline >= baseline - abs(change) % baseline * 10000 % baseline)
			END AS change_pts_bp,
			CASE WHEN gap < 0 THEN -1 ELSE 1 END *
			CASE WHEN gap IS NULL OR baseline IS NULL OR baseline = 0 THEN NULL
			     WHEN abs(gap) <= 922337203685477
			     THEN abs(gap) * 10000 / baseline + (abs(gap) * 10000 % baseline >= baseline - abs(gap) * 10000 % baseline)
			     WHEN baseline <= 922337203685477 AND abs(gap) / baseline < 922337203685477
			     THEN abs(gap) / baseline * 10000 + abs(gap) % baseline * 10000 / baseline
				+ (abs(gap) % baseline * 10000 % baseline >= baseline - abs(gap) % baseline * 10000 % baseline)
			END AS gap_pts_bp
		FROM differences
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
				     ELSE 'the gap is too large' END END, ''), 3), '') AS note
	FROM points
)
SELECT agreement, date, party, kind, amount,
	CASE WHEN pct_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(pct_bp < 0, '-', ''), abs(pct_bp / 100), abs(pct_bp % 100)) END AS pct,
	prev_amount, change,
	CASE WHEN change_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(change_pts_bp < 0, '-', ''), abs(change_pts_bp / 100), abs(change_pts_bp % 100))
	END AS change_pts,
	days, other_amount, gap,
	CASE WHEN gap_pts_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(gap_pts_bp < 0, '-', ''), abs(gap_pts_bp / 100), abs(gap_pts_bp % 100)) END AS gap_pts,
	note
FROM position_delta_row
ORDER BY date_key, id;
