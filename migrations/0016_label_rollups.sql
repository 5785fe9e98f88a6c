CREATE TABLE `rollup_conversation_labels` (
	`conversation_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`chatbot_id` text NOT NULL,
	`first_at` integer NOT NULL,
	`annotations` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `kind`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rollup_conversation_labels_first` ON `rollup_conversation_labels` (`chatbot_id`,`kind`,`first_at`,`label`,`conversation_id`);--> statement-breakpoint
CREATE TABLE `rollup_label_first_hours` (
	`chatbot_id` text NOT NULL,
	`kind` text NOT NULL,
	`hour` integer NOT NULL,
	`label` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `kind`, `hour`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part (not generated): back-fill from the annotations, then the triggers that keep both tables exact
-- (worker/analytics/rollups.ts). Counted labels: flags, topics, behaviours and accepted intents.
INSERT INTO rollup_conversation_labels (conversation_id, kind, label, chatbot_id, first_at, annotations)
SELECT conversation_id, kind, label, min(chatbot_id), min(created_at), count(*) FROM annotations
WHERE kind IN ('flag', 'topic', 'behaviour') OR (kind = 'intent' AND status = 'accepted')
GROUP BY conversation_id, kind, label;
--> statement-breakpoint
INSERT INTO rollup_label_first_hours (chatbot_id, kind, hour, label, conversations)
SELECT chatbot_id, kind, first_at / 3600000, label, count(*) FROM rollup_conversation_labels GROUP BY chatbot_id, kind, first_at / 3600000, label;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_labels_insert AFTER INSERT ON annotations
WHEN NEW.kind IN ('flag', 'topic', 'behaviour') OR (NEW.kind = 'intent' AND NEW.status = 'accepted') BEGIN
  INSERT INTO rollup_conversation_labels (conversation_id, kind, label, chatbot_id, first_at, annotations)
  VALUES (NEW.conversation_id, NEW.kind, NEW.label, NEW.chatbot_id, NEW.created_at, 1)
  ON CONFLICT (conversation_id, kind, label) DO UPDATE SET annotations = annotations + 1, first_at = min(first_at, excluded.first_at);
END;
--> statement-breakpoint
-- The first time is looked up again only when the row removed may have been the first.
CREATE TRIGGER rollup_annotations_labels_delete AFTER DELETE ON annotations
WHEN OLD.kind IN ('flag', 'topic', 'behaviour') OR (OLD.kind = 'intent' AND OLD.status = 'accepted') BEGIN
  UPDATE rollup_conversation_labels SET annotations = annotations - 1,
    first_at = CASE WHEN first_at < OLD.created_at THEN first_at ELSE coalesce((SELECT min(a.created_at) FROM annotations a
      WHERE a.conversation_id = OLD.conversation_id AND a.kind = OLD.kind AND a.label = OLD.label AND (a.kind != 'intent' OR a.status = 'accepted')), first_at) END
  WHERE conversation_id = OLD.conversation_id AND kind = OLD.kind AND label = OLD.label;
  DELETE FROM rollup_conversation_labels WHERE conversation_id = OLD.conversation_id AND kind = OLD.kind AND label = OLD.label AND annotations <= 0;
END;
--> statement-breakpoint
-- An update that moves an annotation (an intent accepted, renamed or rejected; a re-analysis) is a delete of
-- the old row and an insert of the new one, as above.
CREATE TRIGGER rollup_annotations_labels_update AFTER UPDATE ON annotations
WHEN OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.status IS NOT NEW.status OR OLD.created_at IS NOT NEW.created_at BEGIN
  UPDATE rollup_conversation_labels SET annotations = annotations - 1,
    first_at = CASE WHEN first_at < OLD.created_at THEN first_at ELSE coalesce((SELECT min(a.created_at) FROM annotations a
      WHERE a.conversation_id = OLD.conversation_id AND a.kind = OLD.kind AND a.label = OLD.label AND (a.kind != 'intent' OR a.status = 'accepted')), first_at) END
  WHERE conversation_id = OLD.conversation_id AND kind = OLD.kind AND label = OLD.label
    AND (OLD.kind IN ('flag', 'topic', 'behaviour') OR (OLD.kind = 'intent' AND OLD.status = 'accepted'));
  DELETE FROM rollup_conversation_labels WHERE conversation_id = OLD.conversation_id AND kind = OLD.kind AND label = OLD.label AND annotations <= 0;
  INSERT INTO rollup_conversation_labels (conversation_id, kind, label, chatbot_id, first_at, annotations)
  SELECT NEW.conversation_id, NEW.kind, NEW.label, NEW.chatbot_id, NEW.created_at, 1
  WHERE NEW.kind IN ('flag', 'topic', 'behaviour') OR (NEW.kind = 'intent' AND NEW.status = 'accepted')
  ON CONFLICT (conversation_id, kind, label) DO UPDATE SET annotations = annotations + 1, first_at = min(first_at, excluded.first_at);
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversation_labels_insert AFTER INSERT ON rollup_conversation_labels BEGIN
  INSERT INTO rollup_label_first_hours (chatbot_id, kind, hour, label, conversations) VALUES (NEW.chatbot_id, NEW.kind, NEW.first_at / 3600000, NEW.label, 1)
  ON CONFLICT (chatbot_id, kind, hour, label) DO UPDATE SET conversations = conversations + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversation_labels_update AFTER UPDATE ON rollup_conversation_labels
WHEN OLD.first_at / 3600000 IS NOT NEW.first_at / 3600000 OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  UPDATE rollup_label_first_hours SET conversations = conversations - 1
  WHERE chatbot_id = OLD.chatbot_id AND kind = OLD.kind AND hour = OLD.first_at / 3600000 AND label = OLD.label;
  INSERT INTO rollup_label_first_hours (chatbot_id, kind, hour, label, conversations) VALUES (NEW.chatbot_id, NEW.kind, NEW.first_at / 3600000, NEW.label, 1)
  ON CONFLICT (chatbot_id, kind, hour, label) DO UPDATE SET conversations = conversations + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversation_labels_delete AFTER DELETE ON rollup_conversation_labels BEGIN
  UPDATE rollup_label_first_hours SET conversations = conversations - 1
  WHERE chatbot_id = OLD.chatbot_id AND kind = OLD.kind AND hour = OLD.first_at / 3600000 AND label = OLD.label;
END;
