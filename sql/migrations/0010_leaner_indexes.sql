-- 0010_leaner_indexes.sql - indexes that store no more than they order by.
--
-- Every entry of an index on a rowid table already ends with the rowid,
-- and SQLite orders by it and reads it from there: an explicit trailing
-- `id` stored the same integer twice and compared it twice.  Without it
-- the entries are about a fifth smaller and the order is the same, so
-- every report reads the same rows in the same order.
--
-- A position need not name its round: the round index holds only the
-- positions that do, which is every look-up it serves (a round's
-- positions; a round renamed or removed, through the foreign key).
--
-- An import that brings as many rows as the table holds builds these
-- indexes again after the load (import.c), so smaller, cheaper entries
-- make both a fresh load and an append cheaper (bench/import_export.sh).
DROP INDEX position_by_agreement_date;
DROP INDEX position_by_party;
DROP INDEX position_by_kind;
DROP INDEX position_by_round;
DROP INDEX outcome_by_agreement_date;
DROP INDEX statement_by_agreement_date;
CREATE INDEX position_by_agreement_date ON position (agreement, date_key);
CREATE INDEX position_by_party ON position (agreement, party, date_key);
CREATE INDEX position_by_kind ON position (agreement, kind, date_key);
CREATE INDEX position_by_round ON position (agreement, round) WHERE round IS NOT NULL;
CREATE INDEX outcome_by_agreement_date ON outcome (agreement, date_key);
CREATE INDEX statement_by_agreement_date ON statement (agreement, date_key);
