DROP INDEX "case_risk_factors_school_idx";--> statement-breakpoint
ALTER TABLE "case_risk_factors" ADD COLUMN "since" timestamp (3) with time zone;--> statement-breakpoint
-- Every existing factor has held since its case opened and still holds.
UPDATE "case_risk_factors" rf SET "since" = c."opened_at" FROM "cases" c WHERE c."id" = rf."case_id";--> statement-breakpoint
ALTER TABLE "case_risk_factors" ALTER COLUMN "since" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_risk_factors" ADD COLUMN "until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "case_risk_factors" DROP CONSTRAINT "case_risk_factors_case_id_factor_pk";--> statement-breakpoint
ALTER TABLE "case_risk_factors" ADD CONSTRAINT "case_risk_factors_case_id_factor_since_pk" PRIMARY KEY("case_id","factor","since");--> statement-breakpoint
CREATE INDEX "case_risk_factors_current_idx" ON "case_risk_factors" USING btree ("case_id","until","factor");--> statement-breakpoint
CREATE INDEX "case_risk_factors_school_idx" ON "case_risk_factors" USING btree ("school_id","factor","case_id","since","until");