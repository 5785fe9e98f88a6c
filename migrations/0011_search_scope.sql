-- Full-text search that stays fast over millions of messages (README "Search", bench/README "Search").
-- Custom SQL, like 0008: drizzle's schema cannot describe an FTS5 table or its triggers.
--
-- 1. The chatbot and the role go INTO the FTS5 index: a second indexed column, `scope`, holds two tokens,
--    `c<hex of the chatbot id>` and `r<role>`. A query says `scope : "c…" AND content : (…)`, so FTS5
--    itself narrows to one chatbot's messages (and one role's) instead of every match in the database
--    being joined to search_messages and thrown away. The column is a virtual generated column of
--    search_messages, so the external-content index reads it like the text and nothing is stored twice.
-- 2. detail=full stays (phrases need positions); no prefix index: prefix='2 3' tripled the index (65 MB
--    → 184 MB over 1,000,000 messages) to save ~20 ms on 2-3 letter prefixes, and D1 databases are capped.
-- 3. Semantic search's per-message state: `embedded` is 1 once the message's vector is in Vectorize.
--    The back-fill (worker/search/backfill.ts) embeds the user messages still at 0 — those indexed before
--    semantic search was on and those whose embedding failed — through a partial index, so it needs no
--    cursor of its own: search_backfill goes.
DROP TRIGGER `search_messages_ai`;
--> statement-breakpoint
DROP TRIGGER `search_messages_ad`;
--> statement-breakpoint
DROP TABLE `search_messages_fts`;
--> statement-breakpoint
ALTER TABLE `search_messages` ADD COLUMN `scope` text GENERATED ALWAYS AS ('c' || hex(`chatbot_id`) || ' r' || `role`) VIRTUAL;
--> statement-breakpoint
ALTER TABLE `search_messages` ADD COLUMN `embedded` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- What the old back-fill had done: ids up to after_id were embedded by it, ids past until_id by their flush.
UPDATE `search_messages` SET `embedded` = 1
WHERE `role` = 'user' AND EXISTS (SELECT 1 FROM `search_backfill` b WHERE `search_messages`.`id` <= b.`after_id` OR `search_messages`.`id` > b.`until_id`);
--> statement-breakpoint
DROP TABLE `search_backfill`;
--> statement-breakpoint
CREATE INDEX `search_messages_unembedded` ON `search_messages` (`id`) WHERE `role` = 'user' AND `embedded` = 0;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_messages_fts` USING fts5(
	content,
	scope,
	content = 'search_messages',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `search_messages_fts` (`search_messages_fts`) VALUES ('rebuild');
--> statement-breakpoint
-- Deleting a conversation (or, by cascade, its chatbot) deletes its rows, and this takes their words out.
CREATE TRIGGER `search_messages_ai` AFTER INSERT ON `search_messages` BEGIN
	INSERT INTO search_messages_fts (rowid, content, scope) VALUES (new.id, new.content, new.scope);
END;
--> statement-breakpoint
CREATE TRIGGER `search_messages_ad` AFTER DELETE ON `search_messages` BEGIN
	INSERT INTO search_messages_fts (search_messages_fts, rowid, content, scope) VALUES ('delete', old.id, old.content, old.scope);
END;
