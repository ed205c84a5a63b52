-- position_amount.sql - every position resolved to an amount in its agreement's currency, its pct and why a figure is empty.

-- Every position's amount in its agreement's currency.  An amount in
-- another currency is converted through USD at the latest rate of each
-- currency on or before the position's date (USD is 1 per USD; a rate
-- counts from the first day of its period); a position given only as pct
-- resolves to baseline * (1 + pct / 100).  No fences here, so that finding
-- one position's amount by id is a handful of index searches.
CREATE VIEW position_amount AS
WITH given AS (
	SELECT p.id, p.agreement, p.date, p.date_key, p.party, p.kind,
		p.amount AS stated_amount, coalesce(p.currency, b.currency) AS stated_currency,
		p.pct_bp AS stated_pct_bp, b.currency, b.baseline, b.baseline_note, b.baseline_approx,
		p.amount_approx, p.confidence,
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
	FROM position_counted AS p JOIN agreement_basis AS b ON b.agreement = p.agreement
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
),
resolved AS (
	SELECT id, agreement, date, date_key, party, kind, currency, baseline, baseline_note, baseline_approx,
	stated_amount, stated_currency, stated_pct_bp, from_rate, to_rate, from_rate_date, to_rate_date,
	CASE
		WHEN stated_amount IS NULL THEN
			CASE WHEN factor < 0 THEN -1 ELSE 1 END *
			CASE WHEN baseline IS NULL OR factor IS NULL THEN NULL
			     WHEN baseline = 0 OR factor = 0 THEN 0
			     ELSE @MULDIV(baseline, scale, 10000) END
		WHEN stated_currency = currency THEN stated_amount
		WHEN from_rate IS NULL OR to_rate IS NULL THEN NULL
		ELSE @MULDIV(stated_amount, to_rate, from_rate)
	END AS amount,
	amount_approx, confidence
	FROM rated
)
SELECT *,
	-- why the amount is empty, the first reason that applies
	CASE WHEN amount IS NOT NULL THEN NULL
	     WHEN stated_amount IS NULL THEN coalesce(baseline_note, 'the amount that the pct implies is too large')
	     WHEN from_rate IS NULL THEN 'no ' || stated_currency || ' rate on or before ' || date
	     WHEN to_rate IS NULL THEN 'no ' || currency || ' rate on or before ' || date
	     ELSE 'the amount is too large to convert exactly' END AS amount_note
FROM resolved;

-- Every position resolved: its amount, the pct that the amount implies
-- over the baseline (or the stated pct when the amount is not its source),
-- and a note that says why a figure is empty.
CREATE VIEW position_resolved AS
WITH pcts AS (
	-- in no order: the reports that read it order it as they need, and
	-- search nothing for each position
	SELECT *,
		CASE
			WHEN stated_amount IS NULL OR amount IS NULL OR baseline IS NULL OR baseline = 0 THEN stated_pct_bp
			-- amount and baseline are both >= 0 here, so their difference cannot overflow
			ELSE @POINTS(amount - baseline, baseline)
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
FROM pcts;
