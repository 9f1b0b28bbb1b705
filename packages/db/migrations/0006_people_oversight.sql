CREATE TABLE `team_members` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`user_id` text NOT NULL,
	`function` text NOT NULL,
	`duties` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_uq` ON `team_members` (`school_id`,`user_id`,`function`);--> statement-breakpoint
CREATE INDEX `team_members_function_idx` ON `team_members` (`school_id`,`function`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`class_name` text,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_roles_role_idx` ON `user_roles` (`role`,`class_name`);--> statement-breakpoint
ALTER TABLE `districts` ADD `kind` text DEFAULT 'kabupaten' NOT NULL;--> statement-breakpoint
ALTER TABLE `districts` ADD `parent_id` text;--> statement-breakpoint
CREATE INDEX `districts_parent_idx` ON `districts` (`parent_id`);--> statement-breakpoint
ALTER TABLE `schools` ADD `level` text;--> statement-breakpoint
ALTER TABLE `schools` ADD `programmes` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `active_role` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_role` text;--> statement-breakpoint
-- Every existing account keeps its one role as its first entry in user_roles.
INSERT INTO `user_roles` (`user_id`, `role`, `class_name`) SELECT `id`, `role`, CASE WHEN `role` = 'wali_kelas' THEN `class_name` ELSE NULL END FROM `users`;