ALTER TABLE `conversations` ADD `language` text;--> statement-breakpoint
CREATE INDEX `conversations_chatbot_language` ON `conversations` (`chatbot_id`,`language`);