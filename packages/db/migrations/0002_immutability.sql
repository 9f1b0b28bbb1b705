-- Published pathway versions never change and are never deleted.
CREATE TRIGGER `pathway_versions_no_update` BEFORE UPDATE ON `pathway_versions`
BEGIN SELECT RAISE(ABORT, 'pathway_versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `pathway_versions_no_delete` BEFORE DELETE ON `pathway_versions`
BEGIN SELECT RAISE(ABORT, 'pathway_versions are immutable'); END;
--> statement-breakpoint
-- case_events is append-only: no deletes, and what happened (case, order, type, actor, time, states) never changes.
-- Only `data` may be rewritten, for the erasure of a student's free text (UU PDP).
CREATE TRIGGER `case_events_no_delete` BEFORE DELETE ON `case_events`
BEGIN SELECT RAISE(ABORT, 'case_events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_events_no_rewrite` BEFORE UPDATE OF `id`, `case_id`, `school_id`, `seq`, `type`, `actor_id`, `at`, `state_before`, `state_after` ON `case_events`
BEGIN SELECT RAISE(ABORT, 'case_events are append-only'); END;
