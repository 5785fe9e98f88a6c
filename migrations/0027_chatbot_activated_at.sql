ALTER TABLE `chatbots` ADD `activated_at` integer;--> statement-breakpoint
-- Custom part (not generated): chatbots already active, or archived with conversations, were activated by their
-- first conversation (the time of their earliest; the chatbot's creation for one active without any indexed yet).
UPDATE `chatbots` SET `activated_at` = coalesce((SELECT min(`created_at`) FROM `conversations` WHERE `chatbot_id` = `chatbots`.`id`), `created_at`)
WHERE `status` = 'active' OR EXISTS (SELECT 1 FROM `conversations` WHERE `chatbot_id` = `chatbots`.`id`);
