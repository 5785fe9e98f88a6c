ALTER TABLE `conversations` ADD `last_user_message` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_user_message_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `awaiting_reply_since` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sentiment_current` real;--> statement-breakpoint
ALTER TABLE `conversations` ADD `sentiment_trend` real;--> statement-breakpoint
CREATE INDEX `conversations_attention` ON `conversations` (`chatbot_id`,`last_message_at`) WHERE (sentiment_current < 0 OR sentiment_trend < 0 OR awaiting_reply_since IS NOT NULL
  OR instr(flags, '"churn_risk"') > 0 OR instr(flags, '"frustrated_user"') > 0 OR instr(flags, '"urgent_request"') > 0);