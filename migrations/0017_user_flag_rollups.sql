CREATE TABLE `rollup_user_flag_hours` (
	`chatbot_id` text NOT NULL,
	`label` text NOT NULL,
	`hour` integer NOT NULL,
	`client_user_id` text NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `label`, `hour`, `client_user_id`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_user_id`) REFERENCES `client_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part (not generated): back-fill, then the triggers that keep it exact, as migration 0012 does for the
-- organizations' flag hours (worker/analytics/rollups.ts). A conversation's flags count for its user only
-- while it has a user and no organization.
INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
SELECT a.chatbot_id, a.label, a.created_at / 3600000, c.client_user_id, count(*)
FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = a.chatbot_id
WHERE a.kind = 'flag' AND c.client_organization_id IS NULL AND c.client_user_id IS NOT NULL
GROUP BY a.chatbot_id, a.label, a.created_at / 3600000, c.client_user_id;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_user_flags_insert AFTER INSERT ON annotations WHEN NEW.kind = 'flag' BEGIN
  INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
  SELECT NEW.chatbot_id, NEW.label, NEW.created_at / 3600000, c.client_user_id, 1
  FROM conversations c WHERE c.id = NEW.conversation_id AND c.chatbot_id = NEW.chatbot_id AND c.client_organization_id IS NULL AND c.client_user_id IS NOT NULL
  ON CONFLICT (chatbot_id, label, hour, client_user_id) DO UPDATE SET annotations = annotations + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_user_flags_delete AFTER DELETE ON annotations WHEN OLD.kind = 'flag' BEGIN
  UPDATE rollup_user_flag_hours SET annotations = annotations - 1
  WHERE chatbot_id = OLD.chatbot_id AND label = OLD.label AND hour = OLD.created_at / 3600000
    AND client_user_id = (SELECT c.client_user_id FROM conversations c WHERE c.id = OLD.conversation_id AND c.chatbot_id = OLD.chatbot_id AND c.client_organization_id IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_user_flags_update AFTER UPDATE ON annotations
WHEN (OLD.kind = 'flag' OR NEW.kind = 'flag') AND (OLD.chatbot_id IS NOT NEW.chatbot_id OR OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.created_at IS NOT NEW.created_at) BEGIN
  UPDATE rollup_user_flag_hours SET annotations = annotations - 1
  WHERE chatbot_id = OLD.chatbot_id AND label = OLD.label AND hour = OLD.created_at / 3600000 AND OLD.kind = 'flag'
    AND client_user_id = (SELECT c.client_user_id FROM conversations c WHERE c.id = OLD.conversation_id AND c.chatbot_id = OLD.chatbot_id AND c.client_organization_id IS NULL);
  INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
  SELECT NEW.chatbot_id, NEW.label, NEW.created_at / 3600000, c.client_user_id, 1
  FROM conversations c WHERE c.id = NEW.conversation_id AND c.chatbot_id = NEW.chatbot_id AND c.client_organization_id IS NULL AND c.client_user_id IS NOT NULL AND NEW.kind = 'flag'
  ON CONFLICT (chatbot_id, label, hour, client_user_id) DO UPDATE SET annotations = annotations + 1;
END;
--> statement-breakpoint
-- A conversation that changes owner moves its flags: out of the old user's hours (if it counted there), into the
-- new one's.
CREATE TRIGGER rollup_conversations_update_user_flags AFTER UPDATE ON conversations
WHEN OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id BEGIN
  UPDATE rollup_user_flag_hours SET annotations = annotations - (
    SELECT count(*) FROM annotations a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND a.label = rollup_user_flag_hours.label AND a.created_at / 3600000 = rollup_user_flag_hours.hour)
  WHERE chatbot_id = OLD.chatbot_id AND client_user_id = OLD.client_user_id AND OLD.client_organization_id IS NULL;
  INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
  SELECT a.chatbot_id, a.label, a.created_at / 3600000, NEW.client_user_id, count(*)
  FROM annotations a WHERE a.conversation_id = NEW.id AND a.chatbot_id = NEW.chatbot_id AND a.kind = 'flag' AND NEW.client_organization_id IS NULL AND NEW.client_user_id IS NOT NULL
  GROUP BY a.chatbot_id, a.label, a.created_at / 3600000
  ON CONFLICT (chatbot_id, label, hour, client_user_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
