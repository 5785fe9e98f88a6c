CREATE TABLE `rollup_annotation_days` (
	`chatbot_id` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`label` text NOT NULL,
	`severity` text NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `kind`, `day`, `label`, `severity`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_conversation_days` (
	`chatbot_id` text NOT NULL,
	`dimension` text NOT NULL,
	`day` integer NOT NULL,
	`value` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `dimension`, `day`, `value`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_label_first_days` (
	`chatbot_id` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`label` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `kind`, `day`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_segment_annotation_days` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`label` text NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `kind`, `day`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_segment_conversation_days` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`dimension` text NOT NULL,
	`day` integer NOT NULL,
	`value` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `day`, `dimension`, `value`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_segment_label_first_days` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`kind` text NOT NULL,
	`day` integer NOT NULL,
	`label` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `kind`, `day`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);

--> statement-breakpoint
-- Custom part (not generated; scripts/day-rollup-triggers.ts writes it): each daily table back-filled from its
-- hourly one, then kept equal to it by three triggers on the hourly table.
INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages)
SELECT chatbot_id, dimension, hour / 24, value, sum(conversations), sum(messages) FROM rollup_conversation_hours GROUP BY chatbot_id, dimension, hour / 24, value;
--> statement-breakpoint
INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum)
SELECT chatbot_id, kind, hour / 24, label, severity, sum(annotations), sum(scored), sum(score_sum) FROM rollup_annotation_hours GROUP BY chatbot_id, kind, hour / 24, label, severity;
--> statement-breakpoint
INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations)
SELECT chatbot_id, kind, hour / 24, label, sum(conversations) FROM rollup_label_first_hours GROUP BY chatbot_id, kind, hour / 24, label;
--> statement-breakpoint
INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages)
SELECT chatbot_id, segment, hour / 24, dimension, value, sum(conversations), sum(messages) FROM rollup_segment_conversation_hours GROUP BY chatbot_id, segment, hour / 24, dimension, value;
--> statement-breakpoint
INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum)
SELECT chatbot_id, segment, kind, hour / 24, label, sum(annotations), sum(scored), sum(score_sum) FROM rollup_segment_annotation_hours GROUP BY chatbot_id, segment, kind, hour / 24, label;
--> statement-breakpoint
INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations)
SELECT chatbot_id, segment, kind, hour / 24, label, sum(conversations) FROM rollup_segment_label_first_hours GROUP BY chatbot_id, segment, kind, hour / 24, label;
--> statement-breakpoint
CREATE TRIGGER `rollup_conversation_hours_into_days` AFTER INSERT ON `rollup_conversation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.dimension, NEW.hour / 24, NEW.value, NEW.conversations, NEW.messages)
  ON CONFLICT (chatbot_id, dimension, day, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_conversation_hours_update_days` AFTER UPDATE ON `rollup_conversation_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.dimension = NEW.dimension AND OLD.hour / 24 = NEW.hour / 24 AND OLD.value = NEW.value AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.dimension, NEW.hour / 24, NEW.value, NEW.conversations - OLD.conversations, NEW.messages - OLD.messages)
  ON CONFLICT (chatbot_id, dimension, day, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_conversation_hours_rekey_days` AFTER UPDATE ON `rollup_conversation_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.dimension = NEW.dimension AND OLD.hour / 24 = NEW.hour / 24 AND OLD.value = NEW.value) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages) VALUES (OLD.chatbot_id, OLD.dimension, OLD.hour / 24, OLD.value, -OLD.conversations, -OLD.messages)
  ON CONFLICT (chatbot_id, dimension, day, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.dimension, NEW.hour / 24, NEW.value, NEW.conversations, NEW.messages)
  ON CONFLICT (chatbot_id, dimension, day, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_conversation_hours_out_of_days` AFTER DELETE ON `rollup_conversation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_conversation_days (chatbot_id, dimension, day, value, conversations, messages) VALUES (OLD.chatbot_id, OLD.dimension, OLD.hour / 24, OLD.value, -OLD.conversations, -OLD.messages)
  ON CONFLICT (chatbot_id, dimension, day, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_annotation_hours_into_days` AFTER INSERT ON `rollup_annotation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.severity, NEW.annotations, NEW.scored, NEW.score_sum)
  ON CONFLICT (chatbot_id, kind, day, label, severity) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_annotation_hours_update_days` AFTER UPDATE ON `rollup_annotation_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label AND OLD.severity = NEW.severity AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.severity, NEW.annotations - OLD.annotations, NEW.scored - OLD.scored, NEW.score_sum - OLD.score_sum)
  ON CONFLICT (chatbot_id, kind, day, label, severity) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_annotation_hours_rekey_days` AFTER UPDATE ON `rollup_annotation_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label AND OLD.severity = NEW.severity) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum) VALUES (OLD.chatbot_id, OLD.kind, OLD.hour / 24, OLD.label, OLD.severity, -OLD.annotations, -OLD.scored, -OLD.score_sum)
  ON CONFLICT (chatbot_id, kind, day, label, severity) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.severity, NEW.annotations, NEW.scored, NEW.score_sum)
  ON CONFLICT (chatbot_id, kind, day, label, severity) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_annotation_hours_out_of_days` AFTER DELETE ON `rollup_annotation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_annotation_days (chatbot_id, kind, day, label, severity, annotations, scored, score_sum) VALUES (OLD.chatbot_id, OLD.kind, OLD.hour / 24, OLD.label, OLD.severity, -OLD.annotations, -OLD.scored, -OLD.score_sum)
  ON CONFLICT (chatbot_id, kind, day, label, severity) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_label_first_hours_into_days` AFTER INSERT ON `rollup_label_first_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations)
  ON CONFLICT (chatbot_id, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_label_first_hours_update_days` AFTER UPDATE ON `rollup_label_first_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations - OLD.conversations)
  ON CONFLICT (chatbot_id, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_label_first_hours_rekey_days` AFTER UPDATE ON `rollup_label_first_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations) VALUES (OLD.chatbot_id, OLD.kind, OLD.hour / 24, OLD.label, -OLD.conversations)
  ON CONFLICT (chatbot_id, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations)
  ON CONFLICT (chatbot_id, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_label_first_hours_out_of_days` AFTER DELETE ON `rollup_label_first_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_label_first_days (chatbot_id, kind, day, label, conversations) VALUES (OLD.chatbot_id, OLD.kind, OLD.hour / 24, OLD.label, -OLD.conversations)
  ON CONFLICT (chatbot_id, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_conversation_hours_into_days` AFTER INSERT ON `rollup_segment_conversation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.segment, NEW.hour / 24, NEW.dimension, NEW.value, NEW.conversations, NEW.messages)
  ON CONFLICT (chatbot_id, segment, day, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_conversation_hours_update_days` AFTER UPDATE ON `rollup_segment_conversation_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.hour / 24 = NEW.hour / 24 AND OLD.dimension = NEW.dimension AND OLD.value = NEW.value AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.segment, NEW.hour / 24, NEW.dimension, NEW.value, NEW.conversations - OLD.conversations, NEW.messages - OLD.messages)
  ON CONFLICT (chatbot_id, segment, day, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_conversation_hours_rekey_days` AFTER UPDATE ON `rollup_segment_conversation_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.hour / 24 = NEW.hour / 24 AND OLD.dimension = NEW.dimension AND OLD.value = NEW.value) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages) VALUES (OLD.chatbot_id, OLD.segment, OLD.hour / 24, OLD.dimension, OLD.value, -OLD.conversations, -OLD.messages)
  ON CONFLICT (chatbot_id, segment, day, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages) VALUES (NEW.chatbot_id, NEW.segment, NEW.hour / 24, NEW.dimension, NEW.value, NEW.conversations, NEW.messages)
  ON CONFLICT (chatbot_id, segment, day, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_conversation_hours_out_of_days` AFTER DELETE ON `rollup_segment_conversation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_segment_conversation_days (chatbot_id, segment, day, dimension, value, conversations, messages) VALUES (OLD.chatbot_id, OLD.segment, OLD.hour / 24, OLD.dimension, OLD.value, -OLD.conversations, -OLD.messages)
  ON CONFLICT (chatbot_id, segment, day, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_annotation_hours_into_days` AFTER INSERT ON `rollup_segment_annotation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.annotations, NEW.scored, NEW.score_sum)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_annotation_hours_update_days` AFTER UPDATE ON `rollup_segment_annotation_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.annotations - OLD.annotations, NEW.scored - OLD.scored, NEW.score_sum - OLD.score_sum)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_annotation_hours_rekey_days` AFTER UPDATE ON `rollup_segment_annotation_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum) VALUES (OLD.chatbot_id, OLD.segment, OLD.kind, OLD.hour / 24, OLD.label, -OLD.annotations, -OLD.scored, -OLD.score_sum)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.annotations, NEW.scored, NEW.score_sum)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_annotation_hours_out_of_days` AFTER DELETE ON `rollup_segment_annotation_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_segment_annotation_days (chatbot_id, segment, kind, day, label, annotations, scored, score_sum) VALUES (OLD.chatbot_id, OLD.segment, OLD.kind, OLD.hour / 24, OLD.label, -OLD.annotations, -OLD.scored, -OLD.score_sum)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_label_first_hours_into_days` AFTER INSERT ON `rollup_segment_label_first_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_label_first_hours_update_days` AFTER UPDATE ON `rollup_segment_label_first_hours` WHEN OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations - OLD.conversations)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_label_first_hours_rekey_days` AFTER UPDATE ON `rollup_segment_label_first_hours` WHEN NOT (OLD.chatbot_id = NEW.chatbot_id AND OLD.segment = NEW.segment AND OLD.kind = NEW.kind AND OLD.hour / 24 = NEW.hour / 24 AND OLD.label = NEW.label) AND EXISTS (SELECT 1 FROM chatbots WHERE id = NEW.chatbot_id) BEGIN
  INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations) VALUES (OLD.chatbot_id, OLD.segment, OLD.kind, OLD.hour / 24, OLD.label, -OLD.conversations)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations) VALUES (NEW.chatbot_id, NEW.segment, NEW.kind, NEW.hour / 24, NEW.label, NEW.conversations)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_segment_label_first_hours_out_of_days` AFTER DELETE ON `rollup_segment_label_first_hours` WHEN EXISTS (SELECT 1 FROM chatbots WHERE id = OLD.chatbot_id) BEGIN
  INSERT INTO rollup_segment_label_first_days (chatbot_id, segment, kind, day, label, conversations) VALUES (OLD.chatbot_id, OLD.segment, OLD.kind, OLD.hour / 24, OLD.label, -OLD.conversations)
  ON CONFLICT (chatbot_id, segment, kind, day, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
