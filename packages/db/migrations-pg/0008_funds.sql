CREATE TABLE "fund_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"fund_id" text NOT NULL,
	"direction" text NOT NULL,
	"amount" integer NOT NULL,
	"entry_date" text NOT NULL,
	"receipt_year" integer NOT NULL,
	"receipt_seq" integer NOT NULL,
	"receipt_number" text NOT NULL,
	"sponsor_id" text,
	"student_id" text,
	"case_id" text,
	"case_event_seq" integer,
	"event_type" text,
	"step_id" text,
	"risk_factors" json,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "fund_entries_amount_positive" CHECK ("fund_entries"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "fund_receipt_counters" (
	"school_id" text NOT NULL,
	"direction" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "fund_receipt_counters_school_id_direction_year_pk" PRIMARY KEY("school_id","direction","year")
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"sponsor_id" text,
	"description" text,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sponsors" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"kind" text NOT NULL,
	"party" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"pledge_amount" integer,
	"pledge_period" text,
	"pledge_student_id" text,
	"pledge_from" text,
	"pledge_until" text,
	"status" text NOT NULL,
	"notes" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_receipt_counters" ADD CONSTRAINT "fund_receipt_counters_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_sponsor_id_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."sponsors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsors" ADD CONSTRAINT "sponsors_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsors" ADD CONSTRAINT "sponsors_pledge_student_id_students_id_fk" FOREIGN KEY ("pledge_student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_receipt_idx" ON "fund_entries" USING btree ("school_id","direction","receipt_year","receipt_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_receipt_number_idx" ON "fund_entries" USING btree ("school_id","receipt_number");--> statement-breakpoint
CREATE INDEX "fund_entries_fund_idx" ON "fund_entries" USING btree ("fund_id","entry_date");--> statement-breakpoint
CREATE INDEX "fund_entries_case_idx" ON "fund_entries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "fund_entries_student_idx" ON "fund_entries" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funds_school_name_idx" ON "funds" USING btree ("school_id","name");--> statement-breakpoint
CREATE INDEX "funds_sponsor_idx" ON "funds" USING btree ("sponsor_id");--> statement-breakpoint
CREATE INDEX "sponsors_school_idx" ON "sponsors" USING btree ("school_id","status","name");--> statement-breakpoint
CREATE INDEX "sponsors_student_idx" ON "sponsors" USING btree ("pledge_student_id");