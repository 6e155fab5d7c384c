CREATE TABLE `sentence_vectors` (
	`document_id` integer NOT NULL,
	`embedder_id` text NOT NULL,
	`text_hash` text NOT NULL,
	`vector` blob NOT NULL,
	PRIMARY KEY(`document_id`, `embedder_id`, `text_hash`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
