CREATE TABLE "ingest_leases" (
	"business_id" integer PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"document_id" integer NOT NULL,
	"until" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ingest_leases" ADD CONSTRAINT "ingest_leases_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;