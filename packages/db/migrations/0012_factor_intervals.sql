PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_case_risk_factors` (
	`case_id` text NOT NULL,
	`school_id` text NOT NULL,
	`factor` text NOT NULL,
	`since` integer NOT NULL,
	`until` integer,
	PRIMARY KEY(`case_id`, `factor`, `since`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Every existing factor has held since its case opened and still holds.
INSERT INTO `__new_case_risk_factors`("case_id", "school_id", "factor", "since", "until") SELECT rf."case_id", rf."school_id", rf."factor", c."opened_at", NULL FROM `case_risk_factors` rf JOIN `cases` c ON c."id" = rf."case_id";--> statement-breakpoint
DROP TABLE `case_risk_factors`;--> statement-breakpoint
ALTER TABLE `__new_case_risk_factors` RENAME TO `case_risk_factors`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `case_risk_factors_school_idx` ON `case_risk_factors` (`school_id`,`factor`,`case_id`,`since`,`until`);--> statement-breakpoint
CREATE INDEX `case_risk_factors_current_idx` ON `case_risk_factors` (`case_id`,`until`,`factor`);