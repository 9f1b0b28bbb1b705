CREATE TABLE `me_records` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`case_id` text,
	`kind` text NOT NULL,
	`academic_year` text NOT NULL,
	`semester` text NOT NULL,
	`data` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `me_records_term_idx` ON `me_records` (`school_id`,`academic_year`,`semester`,`kind`);--> statement-breakpoint
CREATE INDEX `me_records_student_idx` ON `me_records` (`student_id`);--> statement-breakpoint
CREATE INDEX `me_records_case_idx` ON `me_records` (`case_id`);