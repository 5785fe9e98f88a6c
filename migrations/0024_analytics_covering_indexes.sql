DROP INDEX `conversations_chatbot_country`;--> statement-breakpoint
DROP INDEX `conversations_chatbot_language`;--> statement-breakpoint
CREATE INDEX `conversations_chatbot_country_owners` ON `conversations` (`chatbot_id`,`country`,`client_organization_id`,`client_user_id`);--> statement-breakpoint
CREATE INDEX `conversations_chatbot_language_owners` ON `conversations` (`chatbot_id`,`language`,`client_organization_id`,`client_user_id`);--> statement-breakpoint
CREATE INDEX `annotations_flag_texts` ON `annotations` (`chatbot_id`,`label`,`created_at`,`chunk`,`reason`) WHERE kind = 'flag';