CREATE TABLE "group_session_members" (
	"session_id" text NOT NULL,
	"case_id" text NOT NULL,
	"student_id" text NOT NULL,
	"school_id" text NOT NULL,
	CONSTRAINT "group_session_members_session_id_case_id_pk" PRIMARY KEY("session_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "group_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"held_on" text NOT NULL,
	"topic" text NOT NULL,
	"summary" text,
	"confidentiality" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_counsellors" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"student_id" text NOT NULL,
	"trained_on" text,
	"training_name" text,
	"training_organiser" text,
	"supervisor_id" text,
	"active" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_supervision_attendees" (
	"supervision_id" text NOT NULL,
	"counsellor_id" text NOT NULL,
	"school_id" text NOT NULL,
	CONSTRAINT "peer_supervision_attendees_supervision_id_counsellor_id_pk" PRIMARY KEY("supervision_id","counsellor_id")
);
--> statement-breakpoint
CREATE TABLE "peer_supervisions" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"held_on" text NOT NULL,
	"supervisor_id" text NOT NULL,
	"notes" text,
	"confidentiality" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_partners" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text,
	"contact_person" text,
	"phone" text,
	"services" text,
	"active" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "partner_id" text;--> statement-breakpoint
ALTER TABLE "group_session_members" ADD CONSTRAINT "group_session_members_session_id_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_session_members" ADD CONSTRAINT "group_session_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_counsellors" ADD CONSTRAINT "peer_counsellors_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_counsellors" ADD CONSTRAINT "peer_counsellors_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_counsellors" ADD CONSTRAINT "peer_counsellors_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_supervision_attendees" ADD CONSTRAINT "peer_supervision_attendees_supervision_id_peer_supervisions_id_fk" FOREIGN KEY ("supervision_id") REFERENCES "public"."peer_supervisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_supervision_attendees" ADD CONSTRAINT "peer_supervision_attendees_counsellor_id_peer_counsellors_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."peer_counsellors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_supervisions" ADD CONSTRAINT "peer_supervisions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_supervisions" ADD CONSTRAINT "peer_supervisions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_partners" ADD CONSTRAINT "referral_partners_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_session_members_case_idx" ON "group_session_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "group_sessions_school_idx" ON "group_sessions" USING btree ("school_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "peer_counsellors_student_uq" ON "peer_counsellors" USING btree ("school_id","student_id");--> statement-breakpoint
CREATE INDEX "peer_supervision_attendees_counsellor_idx" ON "peer_supervision_attendees" USING btree ("counsellor_id");--> statement-breakpoint
CREATE INDEX "peer_supervisions_school_idx" ON "peer_supervisions" USING btree ("school_id","held_on");--> statement-breakpoint
CREATE INDEX "referral_partners_school_idx" ON "referral_partners" USING btree ("school_id","name");--> statement-breakpoint
CREATE INDEX "referrals_partner_idx" ON "referrals" USING btree ("partner_id");