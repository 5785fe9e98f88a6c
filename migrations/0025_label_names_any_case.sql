-- Label names become unique in any case. Labels made before that differ only in case from an older one of their
-- chatbot keep their conversations and colour, and get their id's last six characters appended to the name.
UPDATE `labels` SET `name` = `name` || ' (' || substr(`id`, -6) || ')'
WHERE EXISTS (
  SELECT 1 FROM `labels` AS `older`
  WHERE `older`.`chatbot_id` = `labels`.`chatbot_id` AND `older`.`name` = `labels`.`name` COLLATE NOCASE
    AND (`older`.`created_at` < `labels`.`created_at` OR (`older`.`created_at` = `labels`.`created_at` AND `older`.`id` < `labels`.`id`))
);--> statement-breakpoint
DROP INDEX `labels_chatbot_name`;--> statement-breakpoint
CREATE UNIQUE INDEX `labels_chatbot_name_nocase` ON `labels` (`chatbot_id`,"name" COLLATE NOCASE);
