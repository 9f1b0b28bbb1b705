CREATE TABLE `fund_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`direction` text NOT NULL,
	`amount` integer NOT NULL,
	`entry_date` text NOT NULL,
	`receipt_year` integer NOT NULL,
	`receipt_seq` integer NOT NULL,
	`receipt_number` text NOT NULL,
	`sponsor_id` text,
	`student_id` text,
	`case_id` text,
	`case_event_seq` integer,
	`event_type` text,
	`step_id` text,
	`risk_factors` text,
	`note` text,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_id`) REFERENCES `sponsors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "fund_entries_amount_positive" CHECK("fund_entries"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fund_entries_receipt_idx` ON `fund_entries` (`school_id`,`direction`,`receipt_year`,`receipt_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `fund_entries_receipt_number_idx` ON `fund_entries` (`school_id`,`receipt_number`);--> statement-breakpoint
CREATE INDEX `fund_entries_fund_idx` ON `fund_entries` (`fund_id`,`entry_date`);--> statement-breakpoint
CREATE INDEX `fund_entries_case_idx` ON `fund_entries` (`case_id`);--> statement-breakpoint
CREATE INDEX `fund_entries_student_idx` ON `fund_entries` (`student_id`);--> statement-breakpoint
CREATE TABLE `fund_receipt_counters` (
	`school_id` text NOT NULL,
	`direction` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`school_id`, `direction`, `year`),
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `funds` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`sponsor_id` text,
	`description` text,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_id`) REFERENCES `sponsors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funds_school_name_idx` ON `funds` (`school_id`,`name`);--> statement-breakpoint
CREATE INDEX `funds_sponsor_idx` ON `funds` (`sponsor_id`);--> statement-breakpoint
CREATE TABLE `sponsors` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`kind` text NOT NULL,
	`party` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`address` text,
	`pledge_amount` integer,
	`pledge_period` text,
	`pledge_student_id` text,
	`pledge_from` text,
	`pledge_until` text,
	`status` text NOT NULL,
	`notes` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pledge_student_id`) REFERENCES `students`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sponsors_school_idx` ON `sponsors` (`school_id`,`status`,`name`);--> statement-breakpoint
CREATE INDEX `sponsors_student_idx` ON `sponsors` (`pledge_student_id`);