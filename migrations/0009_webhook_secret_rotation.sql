ALTER TABLE `webhook_destinations` ADD `previous_secret_ciphertext` text;--> statement-breakpoint
ALTER TABLE `webhook_destinations` ADD `previous_secret_expires_at` integer;