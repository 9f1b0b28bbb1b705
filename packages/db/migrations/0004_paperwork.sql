CREATE TABLE `document_counters` (
	`school_id` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`school_id`, `year`, `kind`),
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `family_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`case_id` text NOT NULL,
	`guardian_name` text NOT NULL,
	`relationship` text,
	`phone` text,
	`channel` text NOT NULL,
	`template` text,
	`message` text,
	`outcome` text,
	`confidentiality` text NOT NULL,
	`contacted_by` text NOT NULL,
	`contacted_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `family_contacts_case_idx` ON `family_contacts` (`case_id`,`contacted_at`);--> statement-breakpoint
CREATE TABLE `generated_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`subject_id` text,
	`recipient` text,
	`with_rahasia` integer NOT NULL,
	`sha256` text,
	`generated_by` text NOT NULL,
	`generated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `generated_documents_case_idx` ON `generated_documents` (`case_id`,`generated_at`);--> statement-breakpoint
CREATE INDEX `generated_documents_school_idx` ON `generated_documents` (`school_id`,`year`,`kind`,`seq`);--> statement-breakpoint
CREATE TABLE `parent_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`case_id` text NOT NULL,
	`guardian_name` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`place` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`host_id` text NOT NULL,
	`task_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `parent_meetings_case_idx` ON `parent_meetings` (`case_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `parent_meetings_school_idx` ON `parent_meetings` (`school_id`,`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `school_profiles` (
	`school_id` text PRIMARY KEY NOT NULL,
	`authority` text,
	`address` text,
	`city` text,
	`phone` text,
	`email` text,
	`website` text,
	`letter_code` text,
	`logo` text,
	`logo_mime` text,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`nip` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_profiles_school_idx` ON `staff_profiles` (`school_id`);