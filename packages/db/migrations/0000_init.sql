CREATE TABLE `districts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`district_id` text NOT NULL,
	`name` text NOT NULL,
	`npsn` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schools_district_idx` ON `schools` (`district_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_uq` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`school_id` text,
	`district_id` text NOT NULL,
	`class_name` text,
	`password_hash` text NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_school_role_idx` ON `users` (`school_id`,`role`);--> statement-breakpoint
CREATE TABLE `early_warning_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`key` text NOT NULL,
	`params` text NOT NULL,
	`hold_weeks` integer DEFAULT 2 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ew_rules_school_key_uq` ON `early_warning_rules` (`school_id`,`key`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`source` text NOT NULL,
	`rule_key` text,
	`reason` text NOT NULL,
	`level` text DEFAULT 'risk' NOT NULL,
	`details` text,
	`since` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`cleared_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flags_school_active_idx` ON `flags` (`school_id`,`active`,`student_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `flags_rule_active_uq` ON `flags` (`student_id`,`rule_key`) WHERE "flags"."active" = 1 and "flags"."source" = 'rule';--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`values` text NOT NULL,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_obs_uq` ON `indicators` (`student_id`,`kind`,`period`,`subject`);--> statement-breakpoint
CREATE INDEX `indicators_school_kind_idx` ON `indicators` (`school_id`,`kind`,`period`);--> statement-breakpoint
CREATE TABLE `school_calendar` (
	`school_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	PRIMARY KEY(`school_id`, `date`),
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `students` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`nisn` text NOT NULL,
	`name` text NOT NULL,
	`class_name` text NOT NULL,
	`gender` text,
	`birth_date` text,
	`guardian_name` text,
	`guardian_phone` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`erased_at` integer,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `students_school_nisn_uq` ON `students` (`school_id`,`nisn`);--> statement-breakpoint
CREATE INDEX `students_school_class_idx` ON `students` (`school_id`,`class_name`);--> statement-breakpoint
CREATE TABLE `pathway_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`pathway_id` text NOT NULL,
	`school_id` text,
	`district_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`content_hash` text NOT NULL,
	`change_note` text,
	`published_by` text,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`pathway_id`) REFERENCES `pathways`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pathway_versions_uq` ON `pathway_versions` (`pathway_id`,`version`);--> statement-breakpoint
CREATE TABLE `pathways` (
	`id` text PRIMARY KEY NOT NULL,
	`district_id` text NOT NULL,
	`school_id` text,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`draft` text NOT NULL,
	`draft_revision` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`source_template_id` text,
	`source_version` integer,
	`archived_at` integer,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pathways_school_key_uq` ON `pathways` (`school_id`,`key`) WHERE "pathways"."school_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `pathways_template_key_uq` ON `pathways` (`district_id`,`key`) WHERE "pathways"."school_id" is null;--> statement-breakpoint
CREATE INDEX `pathways_source_idx` ON `pathways` (`source_template_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`data` text,
	`actor_id` text,
	`at` integer NOT NULL,
	`state_before` text,
	`state_after` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_seq_uq` ON `case_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `case_risk_factors` (
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`factor` text NOT NULL,
	PRIMARY KEY(`case_id`, `factor`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_risk_factors_school_idx` ON `case_risk_factors` (`school_id`,`factor`,`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`pathway_id` text NOT NULL,
	`pathway_version_id` text NOT NULL,
	`snapshot` text NOT NULL,
	`state_value` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`assignee_id` text,
	`risk_factors` text NOT NULL,
	`opened_by` text,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	`indicators_at_open` text,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pathway_id`) REFERENCES `pathways`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pathway_version_id`) REFERENCES `pathway_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cases_board_idx` ON `cases` (`school_id`,`status`,`state_value`);--> statement-breakpoint
CREATE INDEX `cases_assignee_idx` ON `cases` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_student_idx` ON `cases` (`school_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `cases_opened_idx` ON `cases` (`school_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `cases_version_idx` ON `cases` (`pathway_version_id`,`status`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`state_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`roles` text NOT NULL,
	`assignee_id` text,
	`due_at` integer,
	`status` text NOT NULL,
	`requires_approval` integer DEFAULT false NOT NULL,
	`approval` text,
	`approval_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`reminders_sent` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_school_status_due_idx` ON `tasks` (`school_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_case_idx` ON `tasks` (`case_id`,`status`);--> statement-breakpoint
CREATE INDEX `tasks_assignee_idx` ON `tasks` (`assignee_id`,`status`);--> statement-breakpoint
CREATE TABLE `timers` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`timer_id` text NOT NULL,
	`state_id` text NOT NULL,
	`event` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timers_due_idx` ON `timers` (`status`,`due_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `timers_pending_uq` ON `timers` (`case_id`,`timer_id`) WHERE "timers"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `case_records` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`confidentiality` text DEFAULT 'terbatas' NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_records_case_idx` ON `case_records` (`case_id`,`kind`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`purpose` text NOT NULL,
	`given_by` text NOT NULL,
	`relationship` text,
	`method` text NOT NULL,
	`granted` integer NOT NULL,
	`given_at` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_case_idx` ON `consents` (`case_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`confidentiality` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notes_case_idx` ON `notes` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`target` text NOT NULL,
	`target_name` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`rejection_reason` text,
	`outcome_report` text,
	`sent_by` text NOT NULL,
	`sent_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`);--> statement-breakpoint
CREATE INDEX `referrals_school_status_idx` ON `referrals` (`school_id`,`status`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text,
	`actor_id` text,
	`action` text NOT NULL,
	`subject` text,
	`details` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_school_at_idx` ON `audit_log` (`school_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`route` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text,
	`user_id` text,
	`role` text,
	`case_id` text,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_role_idx` ON `notifications` (`school_id`,`role`,`created_at`);