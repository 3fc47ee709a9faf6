-- The metric journal (decision 0018): metric batches are acknowledged once they are in the journal files next to the
-- database and applied here later, in groups. applied_seq is the last journal record applied to this database; it is
-- updated in the same transaction as the points the record carries, so a restart replays exactly the records after it.
CREATE TABLE metric_journal_state (id INTEGER PRIMARY KEY, applied_seq BIGINT NOT NULL);
INSERT INTO metric_journal_state VALUES (1, 0);
