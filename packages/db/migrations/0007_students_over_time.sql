CREATE TABLE `school_year_settings` (
	`school_id` text PRIMARY KEY NOT NULL,
	`academic_year` text NOT NULL,
	`semester` text NOT NULL,
	`week_days` integer DEFAULT 5 NOT NULL,
	`time_zone` text DEFAULT 'WIB' NOT NULL,
	`national_holidays` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `student_enrolments` (
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`academic_year` text NOT NULL,
	`class_name` text NOT NULL,
	`result` text,
	PRIMARY KEY(`student_id`, `academic_year`),
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `student_enrolments_school_year_idx` ON `student_enrolments` (`school_id`,`academic_year`,`class_name`);--> statement-breakpoint
CREATE TABLE `student_status_events` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`student_id` text NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`reason` text,
	`class_name` text NOT NULL,
	`academic_year` text NOT NULL,
	`semester` text NOT NULL,
	`case_id` text,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `student_status_events_student_idx` ON `student_status_events` (`student_id`,`recorded_at`);--> statement-breakpoint
ALTER TABLE `flags` ADD `academic_year` text;--> statement-breakpoint
ALTER TABLE `flags` ADD `semester` text;--> statement-breakpoint
ALTER TABLE `flags` ADD `class_name` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `academic_year` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `semester` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `class_name` text;--> statement-breakpoint
ALTER TABLE `students` ADD `status_date` text;--> statement-breakpoint
ALTER TABLE `students` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `students` ADD `father_name` text;--> statement-breakpoint
ALTER TABLE `students` ADD `mother_name` text;--> statement-breakpoint
ALTER TABLE `students` ADD `pip_eligible` integer;--> statement-breakpoint
ALTER TABLE `students` ADD `kip_holder` integer;--> statement-breakpoint
ALTER TABLE `students` ADD `pip_received` integer;--> statement-breakpoint
ALTER TABLE `students` ADD `distance_km` real;--> statement-breakpoint
ALTER TABLE `students` ADD `transport` text;