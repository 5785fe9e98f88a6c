-- Full-text search over message content (README "Search"). Written as custom SQL: drizzle's schema
-- cannot describe an FTS5 table or its triggers, and worker/search/ queries both with plain SQL.
--
-- One row per message, written by the conversation's index flush (worker/services/conversation-index.ts).
-- The FTS5 index reads its text from this table (external content), so the text is stored once; the
-- triggers keep the two in step. Deleting a conversation (or, by cascade, its chatbot) deletes its rows,
-- and the delete trigger takes their words out of the index.
CREATE TABLE `search_messages` (
	`id` integer PRIMARY KEY,
	`organization_id` text NOT NULL,
	`chatbot_id` text NOT NULL,
	`conversation_id` text NOT NULL REFERENCES `conversations`(`id`) ON DELETE CASCADE,
	`seq` integer NOT NULL,
	`message_id` text NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_messages_conversation_seq` ON `search_messages` (`conversation_id`, `seq`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_messages_fts` USING fts5(
	content,
	content = 'search_messages',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `search_messages_ai` AFTER INSERT ON `search_messages` BEGIN
	INSERT INTO search_messages_fts (rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_ad` AFTER DELETE ON `search_messages` BEGIN
	INSERT INTO search_messages_fts (search_messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
--> statement-breakpoint
-- The semantic back-fill's progress (one row): the last search_messages id embedded, and the id it stops at.
CREATE TABLE `search_backfill` (
	`id` integer PRIMARY KEY CHECK (`id` = 1),
	`after_id` integer NOT NULL,
	`until_id` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`done_at` integer
);
