CREATE TABLE `school_dashboard_figures` (
	`school_id` text PRIMARY KEY NOT NULL,
	`events` integer NOT NULL,
	`offset_minutes` integer NOT NULL,
	`format` integer NOT NULL,
	`figures` text NOT NULL,
	`saved_at` integer NOT NULL
);
