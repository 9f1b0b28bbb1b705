CREATE TABLE `group_session_members` (
	`session_id` text NOT NULL,
	`case_id` text NOT NULL,
	`student_id` text NOT NULL,
	`school_id` text NOT NULL,
	PRIMARY KEY(`session_id`, `case_id`),
	FOREIGN KEY (`session_id`) REFERENCES `group_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_session_members_case_idx` ON `group_session_members` (`case_id`);--> statement-breakpoint
CREATE TABLE `group_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`held_on` text NOT NULL,
	`topic` text NOT NULL,
	`summary` text,
	`confidentiality` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `group_sessions_school_idx` ON `group_sessions` (`school_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `peer_counsellors` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`trained_on` text,
	`training_name` text,
	`training_organiser` text,
	`supervisor_id` text,
	`active` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `peer_counsellors_student_uq` ON `peer_counsellors` (`school_id`,`student_id`);--> statement-breakpoint
CREATE TABLE `peer_supervision_attendees` (
	`supervision_id` text NOT NULL,
	`counsellor_id` text NOT NULL,
	`school_id` text NOT NULL,
	PRIMARY KEY(`supervision_id`, `counsellor_id`),
	FOREIGN KEY (`supervision_id`) REFERENCES `peer_supervisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counsellor_id`) REFERENCES `peer_counsellors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_supervision_attendees_counsellor_idx` ON `peer_supervision_attendees` (`counsellor_id`);--> statement-breakpoint
CREATE TABLE `peer_supervisions` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`held_on` text NOT NULL,
	`supervisor_id` text NOT NULL,
	`notes` text,
	`confidentiality` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_supervisions_school_idx` ON `peer_supervisions` (`school_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `referral_partners` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`address` text,
	`contact_person` text,
	`phone` text,
	`services` text,
	`active` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_partners_school_idx` ON `referral_partners` (`school_id`,`name`);--> statement-breakpoint
ALTER TABLE `referrals` ADD `partner_id` text;--> statement-breakpoint
CREATE INDEX `referrals_partner_idx` ON `referrals` (`partner_id`);