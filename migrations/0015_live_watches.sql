CREATE TABLE `live_watches` (
	`chatbot_id` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_message_quarters` (
	`chatbot_id` text NOT NULL,
	`quarter` integer NOT NULL,
	`role` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `quarter`, `role`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP TABLE `rollup_message_hours`;--> statement-breakpoint
-- Custom part (not generated): messages are rolled up by the quarter-hour instead of the hour, so "messages
-- today" reads whole buckets from any zone's midnight (worker/analytics/rollups.ts). Back-fill, then the
-- triggers that replace the hourly ones.
DROP TRIGGER IF EXISTS rollup_search_messages_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_search_messages_delete;
--> statement-breakpoint
INSERT INTO rollup_message_quarters (chatbot_id, quarter, role, messages)
SELECT chatbot_id, at / 900000, role, count(*) FROM search_messages GROUP BY chatbot_id, at / 900000, role;
--> statement-breakpoint
CREATE TRIGGER rollup_search_messages_insert AFTER INSERT ON search_messages BEGIN
  INSERT INTO rollup_message_quarters (chatbot_id, quarter, role, messages) VALUES (NEW.chatbot_id, NEW.at / 900000, NEW.role, 1)
  ON CONFLICT (chatbot_id, quarter, role) DO UPDATE SET messages = messages + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_search_messages_delete AFTER DELETE ON search_messages BEGIN
  UPDATE rollup_message_quarters SET messages = messages - 1 WHERE chatbot_id = OLD.chatbot_id AND quarter = OLD.at / 900000 AND role = OLD.role;
END;
