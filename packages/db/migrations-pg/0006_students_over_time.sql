CREATE TABLE "school_year_settings" (
	"school_id" text PRIMARY KEY NOT NULL,
	"academic_year" text NOT NULL,
	"semester" text NOT NULL,
	"week_days" integer DEFAULT 5 NOT NULL,
	"time_zone" text DEFAULT 'WIB' NOT NULL,
	"national_holidays" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_enrolments" (
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"academic_year" text NOT NULL,
	"class_name" text NOT NULL,
	"result" text,
	CONSTRAINT "student_enrolments_student_id_academic_year_pk" PRIMARY KEY("student_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "student_status_events" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"status" text NOT NULL,
	"date" text NOT NULL,
	"reason" text,
	"class_name" text NOT NULL,
	"academic_year" text NOT NULL,
	"semester" text NOT NULL,
	"case_id" text,
	"recorded_by" text,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "academic_year" text;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "semester" text;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "class_name" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "academic_year" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "semester" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "class_name" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "status_date" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "father_name" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "mother_name" text;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "pip_eligible" boolean;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "kip_holder" boolean;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "pip_received" boolean;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "distance_km" real;--> statement-breakpoint
ALTER TABLE "students" ADD COLUMN "transport" text;--> statement-breakpoint
ALTER TABLE "school_year_settings" ADD CONSTRAINT "school_year_settings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_enrolments" ADD CONSTRAINT "student_enrolments_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_enrolments" ADD CONSTRAINT "student_enrolments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_status_events" ADD CONSTRAINT "student_status_events_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_status_events" ADD CONSTRAINT "student_status_events_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_status_events" ADD CONSTRAINT "student_status_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "student_enrolments_school_year_idx" ON "student_enrolments" USING btree ("school_id","academic_year","class_name");--> statement-breakpoint
CREATE INDEX "student_status_events_student_idx" ON "student_status_events" USING btree ("student_id","recorded_at");