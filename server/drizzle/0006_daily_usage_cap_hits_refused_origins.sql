CREATE TABLE `cap_hits` (
	`business_id` integer NOT NULL,
	`day` text NOT NULL,
	`scope` text NOT NULL,
	`visitor` text NOT NULL,
	`session_id` text NOT NULL,
	`ip` text NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`refused` integer DEFAULT 1 NOT NULL,
	`top_visitors` text,
	PRIMARY KEY(`business_id`, `day`, `scope`, `visitor`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `daily_usage` (
	`business_id` integer NOT NULL,
	`day` text NOT NULL,
	`visitor` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`business_id`, `day`, `visitor`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `refused_origins` (
	`business_id` integer NOT NULL,
	`origin` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	PRIMARY KEY(`business_id`, `origin`),
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Counters for the messages stored before this migration: every day for the business, today's and
-- yesterday's per session (addresses were not stored).
INSERT INTO `daily_usage` (`business_id`, `day`, `visitor`, `messages`)
SELECT `business_id`, substr(`created_at`, 1, 10), '', count(*) FROM `messages`
WHERE `sender` = 'user' GROUP BY `business_id`, substr(`created_at`, 1, 10);
--> statement-breakpoint
INSERT INTO `daily_usage` (`business_id`, `day`, `visitor`, `messages`)
SELECT `business_id`, substr(`created_at`, 1, 10), 's:' || `session_id`, count(*) FROM `messages`
WHERE `sender` = 'user' AND `created_at` >= date('now', '-1 day')
GROUP BY `business_id`, substr(`created_at`, 1, 10), `session_id`;
