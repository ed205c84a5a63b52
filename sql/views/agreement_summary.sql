-- agreement_summary.sql - the summary report: one row per agreement.

-- One row per agreement: its baseline, rounds held, the standing offer and
-- demand, furloughs and the latest outcome.  Worker-days count each
-- furlough's days inclusive and are left empty, with a note, unless every
-- furlough has a day-precise start and end.
CREATE VIEW agreement_summary_row AS
WITH counted AS (
	SELECT a.id, a.code AS agreement, a.start_year, b.baseline, b.currency, b.baseline_note, b.baseline_approx,
		(SELECT count(*) FROM round AS r WHERE r.agreement = a.code) AS rounds,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key, r.id LIMIT 1) AS first_round,
		(SELECT r.start FROM round AS r WHERE r.agreement = a.code
		 ORDER BY r.start_key DESC, r.id DESC LIMIT 1) AS last_round,
		(SELECT coalesce(sum(f.workers), 0) FROM furlough AS f WHERE f.agreement = a.code) AS furlough_workers,
		-- the sum of each furlough's worker-days, taken only when every one is
		-- known and the sum cannot overflow (it is at most count * max)
		(SELECT CASE WHEN count(*) = 0 THEN 0
			     WHEN count(*) = count(worker_days) AND max(worker_days) <= 9223372036854775807 / count(*)
			     THEN sum(worker_days) END
		 FROM (SELECT CASE WHEN days >= 1 AND workers <= 9223372036854775807 / days THEN workers * days END AS worker_days
		       FROM (SELECT f.workers,
				CASE WHEN @DAY_PRECISE(f.start) AND @DAY_PRECISE(f."end")
				     THEN @DAYS(f.start, f."end") + 1
				END AS days
			     FROM furlough AS f WHERE f.agreement = a.code))) AS furlough_worker_days,
		(SELECT group_concat(why, '; ')
		 FROM (SELECT 'furlough ' || f.id || CASE
				WHEN f."end" IS NULL THEN ' has no end date'
				WHEN length(rtrim(f.start, '~?%')) < 10 OR length(rtrim(f."end", '~?%')) < 10
				THEN ' (' || f.start || ' to ' || f."end" || ') is not day-precise'
				WHEN f.end_key < f.start_key THEN ' ends before it starts' END AS why
		       FROM furlough AS f WHERE f.agreement = a.code
		       ORDER BY f.start_key, f.id)) AS furlough_note,
		(SELECT o.kind FROM outcome AS o WHERE o.agreement = a.code
		 ORDER BY o.date_key DESC, o.id DESC LIMIT 1) AS outcome
	FROM agreement AS a JOIN agreement_basis AS b ON b.agreement = a.code
	LIMIT -1 OFFSET 0
)
SELECT c.id, c.agreement, c.start_year, c.baseline, c.currency, c.rounds, c.first_round, c.last_round,
	g.offer, g.demand, g.gap, g.gap_pts, g.gap_pts_bp, c.furlough_workers, c.furlough_worker_days, c.outcome,
	t.term_total,
	nullif(substr(
		coalesce('; ' || baseline_note, '')
		|| coalesce('; ' || CASE WHEN offer_id IS NOT NULL AND offer IS NULL
			THEN 'no offer: position ' || offer_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN demand_id IS NOT NULL AND demand IS NULL
			THEN 'no demand: position ' || demand_id || ' has no resolved amount' END, '')
		|| coalesce('; ' || CASE WHEN offer IS NOT NULL AND demand IS NOT NULL AND gap IS NULL
			THEN 'the gap is too large' END, '')
		|| coalesce('; no worker-days: ' || furlough_note, '')
		|| coalesce('; ' || CASE WHEN furlough_note IS NULL AND furlough_worker_days IS NULL
			THEN 'the worker-days are too many to count' END, '')
		|| coalesce('; no term_total: no amount for ' || terms_missing, '')
		|| coalesce('; ' || CASE WHEN terms_missing IS NULL AND term_total IS NULL AND terms_approx IS NOT NULL
			THEN 'the term_total is too large' END, '')
		|| CASE WHEN term_total IS NOT NULL AND terms_approx THEN '; about: term_total rests on approximate amounts' ELSE '' END
		|| CASE WHEN gap_pts_bp IS NOT NULL AND baseline_approx THEN '; about: the baseline is approximate' ELSE '' END
		|| coalesce('; about: approximate ' || CASE WHEN instr(approx_ids, ',') THEN 'amounts of positions ' ELSE 'amount of position ' END
			|| approx_ids, '')
		|| coalesce('; rumored: rests on ' || CASE WHEN instr(rumored_ids, ',') THEN 'positions ' ELSE 'position ' END
			|| rumored_ids, ''), 3), '') AS note
FROM counted AS c JOIN (
	SELECT g.*,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (g.offer_id, g.demand_id) AND q.amount_approx = 1 ORDER BY q.id)) AS approx_ids,
		(SELECT group_concat(id, ', ') FROM (SELECT q.id FROM position_counted AS q
			WHERE q.id IN (g.offer_id, g.demand_id) AND q.confidence = 'rumored' ORDER BY q.id)) AS rumored_ids
	FROM standing_gap AS g WHERE g.subject = 'agreement'
) AS g ON g.subject_id = c.id
LEFT JOIN (
	-- the sum over each agreement's years (agreement_terms, worked out
	-- once for every agreement), the years that have no amount, stated or
	-- computed, and whether any amount is approximate
	SELECT agreement,
		max(CASE WHEN year = last_year THEN cumulative END) AS term_total,
		group_concat(CASE WHEN value IS NULL THEN year END, ', ') AS terms_missing,
		max(value_approx) AS terms_approx
	FROM (SELECT *, max(year) OVER (PARTITION BY agreement) AS last_year FROM agreement_terms_row)
	GROUP BY agreement
) AS t ON t.agreement = c.agreement;

CREATE VIEW agreement_summary AS
SELECT agreement, baseline, currency, rounds, first_round, last_round, offer, demand, gap, gap_pts,
	furlough_workers, furlough_worker_days, outcome, term_total, note
FROM agreement_summary_row
ORDER BY coalesce(start_year, 9999), id;
