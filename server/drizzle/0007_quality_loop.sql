CREATE TABLE `answer_feedback` (
	`message_id` text PRIMARY KEY NOT NULL,
	`business_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`rating` text NOT NULL,
	`comment` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_business` ON `answer_feedback` (`business_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `check_results` (
	`run_id` integer NOT NULL,
	`check_id` integer NOT NULL,
	`question` text NOT NULL,
	`passed` integer NOT NULL,
	`regression` integer NOT NULL,
	`reason` text NOT NULL,
	`answer` text NOT NULL,
	`kind` text NOT NULL,
	`sources` text NOT NULL,
	PRIMARY KEY(`run_id`, `check_id`),
	FOREIGN KEY (`run_id`) REFERENCES `check_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `check_results_check` ON `check_results` (`check_id`);--> statement-breakpoint
CREATE TABLE `check_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`total` integer DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`regressions` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `check_runs_business` ON `check_runs` (`business_id`,`id`);--> statement-breakpoint
CREATE TABLE `check_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`question` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_suggestions_question` ON `check_suggestions` (`business_id`,`question`);--> statement-breakpoint
CREATE TABLE `checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`question` text NOT NULL,
	`expect` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checks_business` ON `checks` (`business_id`);--> statement-breakpoint
CREATE TABLE `curated_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`business_id` integer NOT NULL,
	`question` text NOT NULL,
	`variants` text DEFAULT '[]' NOT NULL,
	`answer` text NOT NULL,
	`document_id` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `curated_business` ON `curated_answers` (`business_id`);--> statement-breakpoint
CREATE TABLE `review_dismissals` (
	`business_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`dismissed_at` text NOT NULL,
	PRIMARY KEY(`business_id`, `message_id`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `test_sessions` (
	`business_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`business_id`, `session_id`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `low_evidence` integer DEFAULT false NOT NULL;