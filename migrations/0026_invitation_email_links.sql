ALTER TABLE `invitations` ADD `email_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_email_token_hash_unique` ON `invitations` (`email_token_hash`);