-- timeline.sql - the timeline report: every dated event in order.

-- Every dated event: rounds, offers and demands, statements, outcomes,
-- furlough starts and ends.  Events on the same date come round, position,
-- statement, outcome, furlough start, furlough end (type_order), then by
-- record id: what was said in public that day follows what was put on the
-- table, and comes before how the day ended.  A statement names its actor
-- (and role) and quotes what was said; it moves no figure of any report.  Dates,
-- amounts and pct are as entered.  ref names the record as a user does:
-- SMA-11:3 for a round (its agreement and seq), position 12 for the others.
CREATE VIEW timeline_event AS
SELECT r.start AS date, r.agreement, 'round' AS type, NULL AS party,
	'round ' || r.seq || coalesce(' in ' || r.location, '') || coalesce(' (' || r.format || ')', '')
		|| CASE WHEN r."end" IS NOT NULL AND r."end" <> r.start THEN ', until ' || r."end" ELSE '' END AS summary,
	NULL AS amount, NULL AS currency, NULL AS pct, r.source, r.agreement || ':' || r.seq AS ref,
	r.start_key AS date_key, 0 AS type_order, r.id AS record_id, NULL AS pct_bp
FROM round AS r
UNION ALL
SELECT p.date, p.agreement, p.kind, p.party,
	p.party || ' ' || p.kind || coalesce(' in round ' || p.round, '')
		|| coalesce(' for ' || p.years || CASE p.years WHEN 1 THEN ' year' ELSE ' years' END, '')
		|| CASE p.confidence WHEN 'reported' THEN '' ELSE ' (' || p.confidence || ')' END
		|| coalesce(': ' || p.terms, ''),
	p.amount, CASE WHEN p.amount IS NOT NULL THEN coalesce(p.currency, a.currency) END,
	p.pct_bp / 100.0, p.source, 'position ' || p.id, p.date_key, 1, p.id, p.pct_bp
FROM position_counted AS p JOIN agreement AS a ON a.code = p.agreement
UNION ALL
SELECT s.date, s.agreement, 'statement', s.party,
	coalesce(act.name, s.actor) || coalesce(', ' || act.role, '')
		|| CASE s.confidence WHEN 'reported' THEN '' ELSE ' (' || s.confidence || ')' END
		|| coalesce(': "' || s.quote || '"', ''),
	s.amount, CASE WHEN s.amount IS NOT NULL THEN coalesce(s.currency, a.currency) END,
	s.pct_bp / 100.0, s.source, 'statement ' || s.id, s.date_key, 2, s.id, s.pct_bp
FROM statement_counted AS s LEFT JOIN actor AS act ON act.key = s.actor LEFT JOIN agreement AS a ON a.code = s.agreement
UNION ALL
SELECT o.date, o.agreement, 'outcome', NULL,
	o.kind || CASE o.kind WHEN 'tentative' THEN ' (agreement in principle)' ELSE '' END
		|| coalesce(' in round ' || o.round, ''),
	NULL, NULL, NULL, o.source, 'outcome ' || o.id, o.date_key, 3, o.id, NULL
FROM outcome AS o
UNION ALL
SELECT f.start, f.agreement, 'furlough-start', NULL,
	printf('%,d', f.workers) || CASE f.workers WHEN 1 THEN ' worker' ELSE ' workers' END || ' on unpaid leave'
		|| coalesce(' until ' || f."end", '')
		|| CASE WHEN f.stopgap IS NOT NULL THEN '; stopgap funding paid' ELSE '' END,
	f.stopgap, CASE WHEN f.stopgap IS NOT NULL THEN coalesce(f.currency, a.currency) END, NULL,
	f.source, 'furlough ' || f.id, f.start_key, 4, f.id, NULL
FROM furlough AS f JOIN agreement AS a ON a.code = f.agreement
UNION ALL
SELECT f."end", f.agreement, 'furlough-end', NULL,
	printf('%,d', f.workers) || CASE f.workers WHEN 1 THEN ' worker' ELSE ' workers' END
		|| ' back from unpaid leave since ' || f.start,
	NULL, NULL, NULL, f.source, 'furlough ' || f.id, f.end_key, 5, f.id, NULL
FROM furlough AS f
WHERE f."end" IS NOT NULL;

CREATE VIEW timeline AS
SELECT date, agreement, type, party, summary, amount, currency, pct, source, ref
FROM timeline_event
ORDER BY date_key, type_order, record_id;
