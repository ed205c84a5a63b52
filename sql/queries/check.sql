-- check.sql - what `smalog check` asks of the database beyond each record.

-- name: check.integrity
PRAGMA integrity_check
-- name: check.foreign_keys
PRAGMA foreign_key_check
-- name: check.pct_mismatch
-- positions whose stated pct is more than half a point from what their
-- amount implies over the agreement's baseline (same currency only)
SELECT p.id, p.pct_bp, p.amount, b.baseline
FROM position AS p
JOIN (SELECT a.code, a.currency, coalesce(a.baseline, prev.total) AS baseline
      FROM agreement AS a LEFT JOIN agreement AS prev ON prev.code = a.previous) AS b ON b.code = p.agreement
WHERE p.amount IS NOT NULL AND p.pct_bp IS NOT NULL AND b.baseline > 0
  AND coalesce(p.currency, b.currency) = b.currency
  AND abs((p.amount - b.baseline) * 10000.0 / b.baseline - p.pct_bp) > 50
ORDER BY p.id
