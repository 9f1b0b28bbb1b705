CREATE TABLE "districts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" text PRIMARY KEY NOT NULL,
	"district_id" text NOT NULL,
	"name" text NOT NULL,
	"npsn" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"school_id" text,
	"district_id" text NOT NULL,
	"class_name" text,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "early_warning_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"key" text NOT NULL,
	"params" json NOT NULL,
	"hold_weeks" integer DEFAULT 2 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"source" text NOT NULL,
	"rule_key" text,
	"reason" text NOT NULL,
	"level" text DEFAULT 'risk' NOT NULL,
	"details" json,
	"since" timestamp (3) with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"cleared_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"values" json NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_calendar" (
	"school_id" text NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	CONSTRAINT "school_calendar_school_id_date_pk" PRIMARY KEY("school_id","date")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"nisn" text NOT NULL,
	"name" text NOT NULL,
	"class_name" text NOT NULL,
	"gender" text,
	"birth_date" text,
	"guardian_name" text,
	"guardian_phone" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"erased_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "pathway_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"pathway_id" text NOT NULL,
	"school_id" text,
	"district_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" json NOT NULL,
	"content_hash" text NOT NULL,
	"change_note" text,
	"published_by" text,
	"published_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathways" (
	"id" text PRIMARY KEY NOT NULL,
	"district_id" text NOT NULL,
	"school_id" text,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"tags" json DEFAULT '[]'::json NOT NULL,
	"draft" json NOT NULL,
	"draft_revision" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"source_template_id" text,
	"source_version" integer,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"data" json,
	"actor_id" text,
	"at" timestamp (3) with time zone NOT NULL,
	"state_before" text,
	"state_after" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_risk_factors" (
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"factor" text NOT NULL,
	CONSTRAINT "case_risk_factors_case_id_factor_pk" PRIMARY KEY("case_id","factor")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"pathway_id" text NOT NULL,
	"pathway_version_id" text NOT NULL,
	"snapshot" json NOT NULL,
	"state_value" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"assignee_id" text,
	"risk_factors" json NOT NULL,
	"opened_by" text,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"indicators_at_open" json
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"state_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" json NOT NULL,
	"roles" json NOT NULL,
	"assignee_id" text,
	"due_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"approval" text,
	"approval_reason" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"reminders_sent" json DEFAULT '[]'::json NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"timer_id" text NOT NULL,
	"state_id" text NOT NULL,
	"event" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"done_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "case_records" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"kind" text NOT NULL,
	"data" json NOT NULL,
	"confidentiality" text DEFAULT 'terbatas' NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"purpose" text NOT NULL,
	"given_by" text NOT NULL,
	"relationship" text,
	"method" text NOT NULL,
	"granted" boolean NOT NULL,
	"given_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"confidentiality" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"school_id" text NOT NULL,
	"target" text NOT NULL,
	"target_name" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"rejection_reason" text,
	"outcome_report" text,
	"sent_by" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text,
	"actor_id" text,
	"action" text NOT NULL,
	"subject" text,
	"details" json,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"body" json,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text,
	"user_id" text,
	"role" text,
	"case_id" text,
	"kind" text NOT NULL,
	"body" json NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_warning_rules" ADD CONSTRAINT "early_warning_rules_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_calendar" ADD CONSTRAINT "school_calendar_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_versions" ADD CONSTRAINT "pathway_versions_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_versions" ADD CONSTRAINT "pathway_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_risk_factors" ADD CONSTRAINT "case_risk_factors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pathway_version_id_pathway_versions_id_fk" FOREIGN KEY ("pathway_version_id") REFERENCES "public"."pathway_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_records" ADD CONSTRAINT "case_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schools_district_idx" ON "schools" USING btree ("district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_school_role_idx" ON "users" USING btree ("school_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "ew_rules_school_key_uq" ON "early_warning_rules" USING btree ("school_id","key");--> statement-breakpoint
CREATE INDEX "flags_school_active_idx" ON "flags" USING btree ("school_id","active","student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flags_rule_active_uq" ON "flags" USING btree ("student_id","rule_key") WHERE "flags"."active" = true and "flags"."source" = 'rule';--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_obs_uq" ON "indicators" USING btree ("student_id","kind","period","subject");--> statement-breakpoint
CREATE INDEX "indicators_school_kind_idx" ON "indicators" USING btree ("school_id","kind","period");--> statement-breakpoint
CREATE UNIQUE INDEX "students_school_nisn_uq" ON "students" USING btree ("school_id","nisn");--> statement-breakpoint
CREATE INDEX "students_school_class_idx" ON "students" USING btree ("school_id","class_name");--> statement-breakpoint
CREATE UNIQUE INDEX "pathway_versions_uq" ON "pathway_versions" USING btree ("pathway_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "pathways_school_key_uq" ON "pathways" USING btree ("school_id","key") WHERE "pathways"."school_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pathways_template_key_uq" ON "pathways" USING btree ("district_id","key") WHERE "pathways"."school_id" is null;--> statement-breakpoint
CREATE INDEX "pathways_source_idx" ON "pathways" USING btree ("source_template_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_seq_uq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_events_school_idx" ON "case_events" USING btree ("school_id","case_id","seq","at","state_after");--> statement-breakpoint
CREATE INDEX "case_risk_factors_school_idx" ON "case_risk_factors" USING btree ("school_id","factor","case_id");--> statement-breakpoint
CREATE INDEX "cases_board_idx" ON "cases" USING btree ("school_id","status","state_value");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "cases_student_idx" ON "cases" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("school_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_version_idx" ON "cases" USING btree ("pathway_version_id","status");--> statement-breakpoint
CREATE INDEX "cases_report_idx" ON "cases" USING btree ("id","status","opened_at","closed_at","student_id");--> statement-breakpoint
CREATE INDEX "cases_closed_idx" ON "cases" USING btree ("school_id","status","outcome","closed_at");--> statement-breakpoint
CREATE INDEX "tasks_school_status_due_idx" ON "tasks" USING btree ("school_id","status","due_at","state_id");--> statement-breakpoint
CREATE INDEX "tasks_case_idx" ON "tasks" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "timers_pending_uq" ON "timers" USING btree ("case_id","timer_id") WHERE "timers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "case_records_case_idx" ON "case_records" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "consents_case_idx" ON "consents" USING btree ("case_id","purpose");--> statement-breakpoint
CREATE INDEX "notes_case_idx" ON "notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_school_status_idx" ON "referrals" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "audit_school_at_idx" ON "audit_log" USING btree ("school_id","at");--> statement-breakpoint
CREATE INDEX "audit_subject_idx" ON "audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "idempotency_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at");--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("school_id","role","created_at");