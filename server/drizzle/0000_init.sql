CREATE TABLE `businesses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`system_prompt` text,
	`greeting` text,
	`theme` text DEFAULT '{}' NOT NULL,
	`daily_message_limit` integer,
	`api_key_hash` text NOT NULL,
	`embedding_model` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`page_count` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_business_sha` ON `documents` (`business_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `documents_status` ON `documents` (`status`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`sender` text NOT NULL,
	`message` text NOT NULL,
	`sources` text,
	`unanswered` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_session` ON `messages` (`business_id`,`session_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_business_day` ON `messages` (`business_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`business_id` integer NOT NULL,
	`id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_message_at` text,
	`message_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`business_id`, `id`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
