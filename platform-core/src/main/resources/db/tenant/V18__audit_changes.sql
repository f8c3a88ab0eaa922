-- Every organizer action in the back office, not only settings: what it touched (subject, e.g. "event:12"),
-- and for settings and prices the values before and after, as JSON objects (never a secret's value).
ALTER TABLE staff_audit
    ADD COLUMN subject varchar(120),
    ADD COLUMN before_values jsonb,
    ADD COLUMN after_values  jsonb;
ALTER TABLE staff_audit ALTER COLUMN action TYPE varchar(80);
CREATE INDEX staff_audit_subject_idx ON staff_audit (subject, id DESC) WHERE subject IS NOT NULL;
CREATE INDEX staff_audit_action_idx ON staff_audit (action, id DESC);
