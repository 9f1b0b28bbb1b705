CREATE TABLE "team_members" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"user_id" text NOT NULL,
	"function" text NOT NULL,
	"duties" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"class_name" text,
	CONSTRAINT "user_roles_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "kind" text DEFAULT 'kabupaten' NOT NULL;--> statement-breakpoint
ALTER TABLE "districts" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "level" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "programmes" json;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "active_role" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_role" text;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_uq" ON "team_members" USING btree ("school_id","user_id","function");--> statement-breakpoint
CREATE INDEX "team_members_function_idx" ON "team_members" USING btree ("school_id","function");--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role","class_name");--> statement-breakpoint
CREATE INDEX "districts_parent_idx" ON "districts" USING btree ("parent_id");--> statement-breakpoint
-- Every existing account keeps its one role as its first entry in user_roles.
INSERT INTO "user_roles" ("user_id", "role", "class_name") SELECT "id", "role", CASE WHEN "role" = 'wali_kelas' THEN "class_name" ELSE NULL END FROM "users";
