CREATE TABLE "me_records" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"case_id" text,
	"kind" text NOT NULL,
	"academic_year" text NOT NULL,
	"semester" text NOT NULL,
	"data" json NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "me_records" ADD CONSTRAINT "me_records_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "me_records" ADD CONSTRAINT "me_records_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "me_records" ADD CONSTRAINT "me_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "me_records_term_idx" ON "me_records" USING btree ("school_id","academic_year","semester","kind");--> statement-breakpoint
CREATE INDEX "me_records_student_idx" ON "me_records" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "me_records_case_idx" ON "me_records" USING btree ("case_id");