-- 0006_about_values.sql - an amount or a worker count may be "about" that
-- much ("5bn~", "4,000~").
--
-- The figure stays an exact integer, so that sums, views and comparisons
-- are unchanged; beside it a flag says that the source gave it as
-- approximate, so that smalog shows its '~' again (list, show, export) and
-- an export imports back byte for byte.  A flag is 0 or 1, never NULL: a
-- file of an earlier version held exact figures only.  ADD COLUMN keeps
-- every row, id, index and reference as it is.
ALTER TABLE agreement ADD COLUMN total_approx INTEGER NOT NULL DEFAULT 0 CHECK (total_approx IN (0, 1));
ALTER TABLE agreement ADD COLUMN baseline_approx INTEGER NOT NULL DEFAULT 0 CHECK (baseline_approx IN (0, 1));
ALTER TABLE position ADD COLUMN amount_approx INTEGER NOT NULL DEFAULT 0 CHECK (amount_approx IN (0, 1));
ALTER TABLE furlough ADD COLUMN workers_approx INTEGER NOT NULL DEFAULT 0 CHECK (workers_approx IN (0, 1));
ALTER TABLE furlough ADD COLUMN stopgap_approx INTEGER NOT NULL DEFAULT 0 CHECK (stopgap_approx IN (0, 1));
