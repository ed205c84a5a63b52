-- 0008_uid.sql - every record gains a uid (SPEC section 7): random,
-- permanent, the same in every researcher's file, so that two files (or
-- two exports of them) are compared and merged record by record, whatever
-- ids each file gave.
--
-- A uid is a UUID version 4 in its canonical lower-case form
-- (xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx), from SQLite's randomblob(),
-- which the operating system's random source seeds.  Every existing record
-- gets one here; a record inserted without one (by smalog, which sets it
-- only when an import brings it, or by any other tool) gets one from the
-- trigger KIND_uid, so no row is ever without one; a uid set to NULL
-- later is refused by KIND_uid_kept.  A UNIQUE index per table keeps each
-- uid to one record (an import that keeps its indexes keeps these).
--
-- The column is added last (ALTER TABLE cannot put it elsewhere); smalog
-- names columns, never counts them.  The kind `index` is the table
-- "index", quoted.

-- agreement
ALTER TABLE agreement ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE agreement SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX agreement_by_uid ON agreement (uid);
CREATE TRIGGER agreement_uid AFTER INSERT ON agreement WHEN NEW.uid IS NULL BEGIN
	UPDATE agreement SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER agreement_uid_kept BEFORE UPDATE OF uid ON agreement WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- source
ALTER TABLE source ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE source SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX source_by_uid ON source (uid);
CREATE TRIGGER source_uid AFTER INSERT ON source WHEN NEW.uid IS NULL BEGIN
	UPDATE source SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER source_uid_kept BEFORE UPDATE OF uid ON source WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- round
ALTER TABLE round ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE round SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX round_by_uid ON round (uid);
CREATE TRIGGER round_uid AFTER INSERT ON round WHEN NEW.uid IS NULL BEGIN
	UPDATE round SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER round_uid_kept BEFORE UPDATE OF uid ON round WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- position
ALTER TABLE position ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE position SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX position_by_uid ON position (uid);
CREATE TRIGGER position_uid AFTER INSERT ON position WHEN NEW.uid IS NULL BEGIN
	UPDATE position SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER position_uid_kept BEFORE UPDATE OF uid ON position WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- outcome
ALTER TABLE outcome ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE outcome SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX outcome_by_uid ON outcome (uid);
CREATE TRIGGER outcome_uid AFTER INSERT ON outcome WHEN NEW.uid IS NULL BEGIN
	UPDATE outcome SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER outcome_uid_kept BEFORE UPDATE OF uid ON outcome WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- furlough
ALTER TABLE furlough ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE furlough SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX furlough_by_uid ON furlough (uid);
CREATE TRIGGER furlough_uid AFTER INSERT ON furlough WHEN NEW.uid IS NULL BEGIN
	UPDATE furlough SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER furlough_uid_kept BEFORE UPDATE OF uid ON furlough WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- rate
ALTER TABLE rate ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE rate SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX rate_by_uid ON rate (uid);
CREATE TRIGGER rate_uid AFTER INSERT ON rate WHEN NEW.uid IS NULL BEGIN
	UPDATE rate SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER rate_uid_kept BEFORE UPDATE OF uid ON rate WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- schedule
ALTER TABLE schedule ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE schedule SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX schedule_by_uid ON schedule (uid);
CREATE TRIGGER schedule_uid AFTER INSERT ON schedule WHEN NEW.uid IS NULL BEGIN
	UPDATE schedule SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER schedule_uid_kept BEFORE UPDATE OF uid ON schedule WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- index
ALTER TABLE "index" ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE "index" SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX index_by_uid ON "index" (uid);
CREATE TRIGGER index_uid AFTER INSERT ON "index" WHEN NEW.uid IS NULL BEGIN
	UPDATE "index" SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER index_uid_kept BEFORE UPDATE OF uid ON "index" WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- actor
ALTER TABLE actor ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE actor SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX actor_by_uid ON actor (uid);
CREATE TRIGGER actor_uid AFTER INSERT ON actor WHEN NEW.uid IS NULL BEGIN
	UPDATE actor SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER actor_uid_kept BEFORE UPDATE OF uid ON actor WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;

-- statement
ALTER TABLE statement ADD COLUMN uid TEXT CHECK (uid GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE statement SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX statement_by_uid ON statement (uid);
CREATE TRIGGER statement_uid AFTER INSERT ON statement WHEN NEW.uid IS NULL BEGIN
	UPDATE statement SET uid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = NEW.id;
END;
CREATE TRIGGER statement_uid_kept BEFORE UPDATE OF uid ON statement WHEN NEW.uid IS NULL BEGIN
	SELECT RAISE(ABORT, 'a uid is permanent: it cannot be removed');
END;
