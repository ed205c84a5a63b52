-- 0003_reports.sql - what the reports need of the tables: an index to find
-- the standing offer or demand, the latest position of a kind up to a date.
-- The reports themselves are views, in views.sql.

CREATE INDEX position_by_kind ON position (agreement, kind, date_key, id);
