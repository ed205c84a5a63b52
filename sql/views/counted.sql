-- counted.sql - the positions and statements that the reports count: every one, unless smalog narrows them for --confidence.
--
-- Every report reads positions (and the timeline statements) through
-- these views and never the tables, so that one definition says what
-- counts: `--confidence LEVEL` replaces them, on smalog's connection only,
-- by views that leave out what is below LEVEL (confidence.* in
-- sql/queries/reports.sql); in the file they count everything.
CREATE VIEW position_counted AS
SELECT * FROM position;

CREATE VIEW statement_counted AS
SELECT * FROM statement;
