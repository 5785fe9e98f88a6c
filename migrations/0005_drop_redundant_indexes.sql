DROP INDEX `annotations_chatbot_kind`;--> statement-breakpoint
DROP INDEX `conversations_chatbot_created`;