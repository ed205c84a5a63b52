-- schema.sql - reading a schema, smalog's own (built in memory) or a file's.

-- name: schema.reference
-- Every object in creation order, and whether an index is a constraint
-- (an import keeps those while it drops and rebuilds the others).
SELECT s.type, s.name, s.tbl_name, s.sql,
       coalesce((SELECT il."unique" FROM pragma_index_list(s.tbl_name) AS il WHERE il.name = s.name), 0)
FROM main.sqlite_schema AS s ORDER BY s.rowid
-- name: schema.file
SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid
-- name: schema.views
-- smalog's report views as a file holds them, in the order they were made
SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE type = 'view' ORDER BY rowid
-- name: schema.stamp
-- the stored text of the file's stamp view (schema_views_current), read
-- rather than run: a view in a file is never run by smalog
SELECT sql FROM main.sqlite_schema WHERE type = 'view' AND name = 'smalog_views'
-- name: schema.temp_stamp
-- whether this connection's TEMP views are there (a rollback takes away
-- those made inside its transaction)
SELECT 1 FROM temp.sqlite_schema WHERE type = 'view' AND name = 'smalog_views'
