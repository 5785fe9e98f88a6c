CREATE INDEX `annotations_chatbot_kind_time` ON `annotations` (`chatbot_id`,`kind`,`created_at`,`score`);--> statement-breakpoint
CREATE INDEX `annotations_chatbot_kind_label_time` ON `annotations` (`chatbot_id`,`kind`,`label`,`created_at`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `conversations_chatbot_created_figures` ON `conversations` (`chatbot_id`,`created_at`,`message_count`,`resolution`,`sentiment_avg`);--> statement-breakpoint
CREATE INDEX `conversations_chatbot_country` ON `conversations` (`chatbot_id`,`country`);--> statement-breakpoint
CREATE INDEX `conversations_chatbot_user_activity` ON `conversations` (`chatbot_id`,`client_user_id`,`sentiment_avg`,`last_message_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversations_chatbot_org_activity` ON `conversations` (`chatbot_id`,`client_organization_id`,`sentiment_avg`,`last_message_at`,`created_at`);