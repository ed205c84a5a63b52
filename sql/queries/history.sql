-- history.sql - the change log: groups, their changes, sealing and reading (SPEC section 6).

-- name: history.present
SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'change_group'
-- name: history.tables
-- The tables whose rows are records: every table of smalog's but its
-- bookkeeping (the log itself, the import log) and SQLite's own.
SELECT name FROM main.sqlite_schema
WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND name <> 'change_group' AND name <> 'change' AND name <> 'import_log'
ORDER BY name
-- name: history.columns
-- A table's stored columns (generated ones follow from them), in order.
SELECT name FROM pragma_table_xinfo(:table, 'main') WHERE hidden = 0 ORDER BY cid
-- name: history.open
SELECT id FROM change_group WHERE hash IS NULL ORDER BY id
-- name: history.previous_hash
SELECT hash FROM change_group WHERE id < :id ORDER BY id DESC LIMIT 1
-- name: history.group
SELECT id, at, who, command, message, undoes, added, changed, removed, hash, first_change, last_change FROM change_group WHERE id = :id
-- name: history.groups
SELECT id, at, who, command, message, undoes, added, changed, removed, hash, first_change, last_change FROM change_group ORDER BY id
-- name: history.changes
SELECT id, tbl, row_id, op, before, grp FROM change WHERE id BETWEEN :first AND :last ORDER BY id
-- name: history.seal
UPDATE change_group
SET at = :at, who = :who, command = :command, message = :message, undoes = :undoes,
    added = :added, changed = :changed, removed = :removed, first_change = :first, last_change = :last, hash = :hash
WHERE id = :id
-- name: history.sequence
SELECT seq FROM main.sqlite_sequence WHERE name = 'change_group'
-- name: history.next_change
-- What a row was next: the values before the change that followed (an
-- update or a delete), if any.
SELECT op, before FROM change WHERE tbl = :tbl AND row_id = :row_id AND id > :id ORDER BY id LIMIT 1
-- name: history.diff
-- The columns whose values differ between two JSON objects of a row.
SELECT b.key, b.value, a.value FROM json_each(:before) AS b LEFT JOIN json_each(:after) AS a ON a.key = b.key
WHERE b.value IS NOT a.value ORDER BY b.id
-- name: history.log
-- The groups, newest first, with the range of their changes (the open
-- group's: those after the last sealed one), those with none left out.
WITH sealed_end (n) AS (SELECT coalesce(max(last_change), 0) FROM change_group WHERE hash IS NOT NULL),
r AS (
  SELECT g.*, coalesce(g.first_change, (SELECT n + 1 FROM sealed_end)) AS f,
         coalesce(g.last_change, (SELECT coalesce(max(id), 0) FROM change)) AS l
  FROM change_group AS g
)
SELECT id, at, who, command, message, added, changed, removed, f, l FROM r
WHERE f <= l AND (:since IS NULL OR at >= :since)
  AND (:tbl IS NULL OR EXISTS (SELECT 1 FROM change AS c WHERE c.id BETWEEN r.f AND r.l AND c.tbl = :tbl))
ORDER BY id DESC LIMIT :n
-- name: history.log_changes
SELECT id, tbl, row_id, op, before FROM change WHERE id BETWEEN :first AND :last AND (:tbl IS NULL OR tbl = :tbl) ORDER BY id
-- name: history.record
-- One record's changes, oldest first, with their groups.
SELECT c.id, c.tbl, c.row_id, c.op, c.before, g.id, g.at, g.who, g.command, g.message
FROM change AS c JOIN change_group AS g ON g.id = c.grp
WHERE c.tbl = :tbl AND c.row_id = :row_id ORDER BY c.id
-- name: history.later
-- The sealed groups after one, newest first, with what each undoes.
SELECT id, coalesce(undoes, 0) FROM change_group WHERE id > :after AND hash IS NOT NULL ORDER BY id DESC
-- name: history.conflicts
-- The rows of a group that later groups still in force changed (:groups,
-- a JSON array): each row once, with the first group that changed it.
SELECT c.tbl, c.row_id, min(l.grp)
FROM change AS c JOIN change AS l ON l.tbl = c.tbl AND l.row_id = c.row_id AND l.id > :last
WHERE c.id BETWEEN :first AND :last AND l.grp IN (SELECT value FROM json_each(:groups))
GROUP BY c.tbl, c.row_id ORDER BY min(l.grp), c.tbl, c.row_id
-- name: history.after
-- Every change made after a moment, newest first: what rewinding to it
-- undoes (the changes of an open group, not dated yet, included).
SELECT id, tbl, row_id, op, before FROM change
WHERE id > coalesce((SELECT max(last_change) FROM change_group WHERE hash IS NOT NULL AND at <= :at), 0)
ORDER BY id DESC
-- name: history.changes_desc
SELECT id, tbl, row_id, op, before FROM change WHERE id BETWEEN :first AND :last ORDER BY id DESC
-- name: history.sealed_end
-- The last change of the sealed groups: the open group's begin after it.
SELECT coalesce(max(last_change), 0), (SELECT coalesce(max(id), 0) FROM change) FROM change_group WHERE hash IS NOT NULL
-- name: history.now
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
-- name: history.imports_end
-- The import log's last row: those after it when a group is sealed are
-- the files that group imported.
SELECT coalesce(max(id), 0) FROM import_log
-- name: history.log_imports
-- The import log is not a kind's table and has no trigger: the rows a
-- command added to it are logged as its group's last changes, so that an
-- undo of the import forgets the file and an undo of that undo remembers it.
INSERT INTO change (grp, tbl, row_id, op)
SELECT (SELECT max(id) FROM change_group), 'import_log', id, 'I' FROM import_log WHERE id > :after ORDER BY id
-- name: history.log_change
-- A change made without a trigger (the import log's, by undo), logged as
-- a trigger logs one.
INSERT INTO change (grp, tbl, row_id, op, before) VALUES ((SELECT max(id) FROM change_group), :tbl, :row_id, :op, :before)
-- name: history.import_named
-- The kind and the file of an import log row as a change left it: its
-- values before (a removal), else as the next change found them, else now.
WITH v (j) AS (
  SELECT CASE WHEN :op = 'D' THEN :before ELSE coalesce(
    (SELECT before FROM change WHERE tbl = 'import_log' AND row_id = :row_id AND id > :id ORDER BY id LIMIT 1),
    (SELECT json_object('kind', kind, 'file', file) FROM import_log WHERE id = :row_id)) END
)
SELECT json_extract(j, '$.kind'), json_extract(j, '$.file') FROM v
-- name: history.open_next
INSERT INTO change_group (at) SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM change_group WHERE hash IS NULL)
