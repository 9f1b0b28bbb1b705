CREATE TABLE "school_dashboard_figures" (
	"school_id" text PRIMARY KEY NOT NULL,
	"events" integer NOT NULL,
	"offset_minutes" integer NOT NULL,
	"format" integer NOT NULL,
	"figures" json NOT NULL,
	"saved_at" timestamp (3) with time zone NOT NULL
);
