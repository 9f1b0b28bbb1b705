-- The same rules as migrations/0002_immutability.sql (SQLite), as PostgreSQL triggers.
-- Published pathway versions never change and are never deleted.
CREATE FUNCTION jalur_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER pathway_versions_no_update BEFORE UPDATE ON pathway_versions
FOR EACH ROW EXECUTE FUNCTION jalur_refuse('pathway_versions are immutable');
--> statement-breakpoint
CREATE TRIGGER pathway_versions_no_delete BEFORE DELETE ON pathway_versions
FOR EACH ROW EXECUTE FUNCTION jalur_refuse('pathway_versions are immutable');
--> statement-breakpoint
-- case_events is append-only: no deletes, and what happened (case, order, type, actor, time, states) never changes.
-- Only `data` may be rewritten, for the erasure of a student's free text (UU PDP).
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
FOR EACH ROW EXECUTE FUNCTION jalur_refuse('case_events are append-only');
--> statement-breakpoint
CREATE TRIGGER case_events_no_rewrite BEFORE UPDATE OF id, case_id, school_id, seq, type, actor_id, at, state_before, state_after ON case_events
FOR EACH ROW EXECUTE FUNCTION jalur_refuse('case_events are append-only');
