ALTER TABLE `documents` ADD `extracted_title` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `title` text;