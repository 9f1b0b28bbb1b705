CREATE TABLE "document_counters" (
	"school_id" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_school_id_year_kind_pk" PRIMARY KEY("school_id","year","kind")
);
--> statement-breakpoint
CREATE TABLE "family_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"case_id" text NOT NULL,
	"guardian_name" text NOT NULL,
	"relationship" text,
	"phone" text,
	"channel" text NOT NULL,
	"template" text,
	"message" text,
	"outcome" text,
	"confidentiality" text NOT NULL,
	"contacted_by" text NOT NULL,
	"contacted_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generated_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"subject_id" text,
	"recipient" text,
	"with_rahasia" boolean NOT NULL,
	"sha256" text,
	"generated_by" text NOT NULL,
	"generated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parent_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"case_id" text NOT NULL,
	"guardian_name" text NOT NULL,
	"scheduled_at" timestamp (3) with time zone NOT NULL,
	"place" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"host_id" text NOT NULL,
	"task_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_profiles" (
	"school_id" text PRIMARY KEY NOT NULL,
	"authority" text,
	"address" text,
	"city" text,
	"phone" text,
	"email" text,
	"website" text,
	"letter_code" text,
	"logo" text,
	"logo_mime" text,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"nip" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_contacts" ADD CONSTRAINT "family_contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generated_documents" ADD CONSTRAINT "generated_documents_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generated_documents" ADD CONSTRAINT "generated_documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_meetings" ADD CONSTRAINT "parent_meetings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_meetings" ADD CONSTRAINT "parent_meetings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_meetings" ADD CONSTRAINT "parent_meetings_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_profiles" ADD CONSTRAINT "school_profiles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_contacts_case_idx" ON "family_contacts" USING btree ("case_id","contacted_at");--> statement-breakpoint
CREATE INDEX "generated_documents_case_idx" ON "generated_documents" USING btree ("case_id","generated_at");--> statement-breakpoint
CREATE INDEX "generated_documents_school_idx" ON "generated_documents" USING btree ("school_id","year","kind","seq");--> statement-breakpoint
CREATE INDEX "parent_meetings_case_idx" ON "parent_meetings" USING btree ("case_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "parent_meetings_school_idx" ON "parent_meetings" USING btree ("school_id","status","scheduled_at");--> statement-breakpoint
CREATE INDEX "staff_profiles_school_idx" ON "staff_profiles" USING btree ("school_id");