CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`job`, `period`)
);
