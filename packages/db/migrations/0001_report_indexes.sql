DROP INDEX `tasks_school_status_due_idx`;--> statement-breakpoint
CREATE INDEX `tasks_school_status_due_idx` ON `tasks` (`school_id`,`status`,`due_at`,`state_id`);--> statement-breakpoint
CREATE INDEX `case_events_school_idx` ON `case_events` (`school_id`,`case_id`,`seq`,`at`,`state_after`);--> statement-breakpoint
CREATE INDEX `cases_report_idx` ON `cases` (`id`,`status`,`opened_at`,`closed_at`,`student_id`);--> statement-breakpoint
CREATE INDEX `cases_closed_idx` ON `cases` (`school_id`,`status`,`outcome`,`closed_at`);