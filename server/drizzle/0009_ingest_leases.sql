CREATE TABLE `ingest_leases` (
	`business_id` integer PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`document_id` integer NOT NULL,
	`until` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
