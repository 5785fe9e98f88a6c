CREATE TABLE `rollup_segment_annotation_hours` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`kind` text NOT NULL,
	`hour` integer NOT NULL,
	`label` text NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `kind`, `hour`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_segment_conversation_hours` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`dimension` text NOT NULL,
	`hour` integer NOT NULL,
	`value` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `hour`, `dimension`, `value`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_segment_label_first_hours` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`kind` text NOT NULL,
	`hour` integer NOT NULL,
	`label` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`, `kind`, `hour`, `label`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part (not generated): the view naming each conversation's segments, the back-fill, and the triggers that
-- keep the three tables exact (worker/analytics/rollups.ts), written with scripts of the migration's own kind:
-- every change is an upsert of signed counts, so taking a contribution out and putting it in are one statement.
-- A conversation's segments: its country, main language and sentiment label (the thresholds of
-- worker/analysis/labels.ts SENTIMENT_THRESHOLDS), and its plan: the organization's, else the user's, lower case
-- (the filters compare plans ignoring case).
CREATE VIEW conversation_segments AS
SELECT id AS conversation_id, chatbot_id, 'country:' || country AS segment FROM conversations WHERE country IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'language:' || language FROM conversations WHERE language IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'label:' || CASE WHEN sentiment_avg <= -0.6 THEN 'very_negative' WHEN sentiment_avg <= -0.2 THEN 'negative' WHEN sentiment_avg < 0.2 THEN 'neutral' WHEN sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END FROM conversations WHERE sentiment_avg IS NOT NULL
UNION ALL SELECT c.id, c.chatbot_id, 'plan:' || lower(coalesce(o.plan, u.plan)) FROM conversations AS c
  LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id
  WHERE coalesce(o.plan, u.plan) IS NOT NULL;
--> statement-breakpoint
INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
SELECT s.chatbot_id, s.segment, d.dimension, c.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN c.sentiment_avg IS NULL THEN 'unscored' WHEN c.sentiment_avg > 0.2 THEN 'satisfied' WHEN c.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(c.language, '') ELSE c.resolution END, count(*), sum(c.message_count)
FROM conversation_segments AS s JOIN conversations AS c ON c.id = s.conversation_id, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
WHERE (d.dimension != 'resolution' OR c.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
SELECT s.chatbot_id, s.segment, a.kind, a.created_at / 3600000, a.label, count(*), count(a.score), coalesce(sum(a.score), 0)
FROM conversation_segments AS s JOIN annotations AS a ON a.conversation_id = s.conversation_id
WHERE (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, count(*)
FROM conversation_segments AS s JOIN rollup_conversation_labels AS l ON l.conversation_id = s.conversation_id
WHERE l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_annotations_insert AFTER INSERT ON annotations WHEN (NEW.kind IN ('sentiment', 'flag', 'topic') OR (NEW.kind = 'intent' AND NEW.status = 'accepted')) BEGIN
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT chatbot_id, segment, NEW.kind, NEW.created_at / 3600000, NEW.label, 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_annotations_delete AFTER DELETE ON annotations WHEN (OLD.kind IN ('sentiment', 'flag', 'topic') OR (OLD.kind = 'intent' AND OLD.status = 'accepted')) BEGIN
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT chatbot_id, segment, OLD.kind, OLD.created_at / 3600000, OLD.label, -1, -(OLD.score IS NOT NULL), -coalesce(OLD.score, 0)
  FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_annotations_update AFTER UPDATE ON annotations
WHEN OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.status IS NOT NEW.status
  OR OLD.created_at IS NOT NEW.created_at OR OLD.score IS NOT NEW.score BEGIN
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT chatbot_id, segment, OLD.kind, OLD.created_at / 3600000, OLD.label, -1, -(OLD.score IS NOT NULL), -coalesce(OLD.score, 0)
  FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id) AND (OLD.kind IN ('sentiment', 'flag', 'topic') OR (OLD.kind = 'intent' AND OLD.status = 'accepted'))
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT chatbot_id, segment, NEW.kind, NEW.created_at / 3600000, NEW.label, 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id) AND (NEW.kind IN ('sentiment', 'flag', 'topic') OR (NEW.kind = 'intent' AND NEW.status = 'accepted'))
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_labels_insert AFTER INSERT ON rollup_conversation_labels WHEN NEW.kind IN ('flag', 'topic', 'intent') BEGIN
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT chatbot_id, segment, NEW.kind, NEW.first_at / 3600000, NEW.label, 1 FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_labels_update AFTER UPDATE ON rollup_conversation_labels
WHEN OLD.first_at / 3600000 IS NOT NEW.first_at / 3600000 OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.conversation_id IS NOT NEW.conversation_id BEGIN
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT chatbot_id, segment, OLD.kind, OLD.first_at / 3600000, OLD.label, -1 FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id) AND OLD.kind IN ('flag', 'topic', 'intent')
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT chatbot_id, segment, NEW.kind, NEW.first_at / 3600000, NEW.label, 1 FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id) AND NEW.kind IN ('flag', 'topic', 'intent')
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_labels_delete AFTER DELETE ON rollup_conversation_labels WHEN OLD.kind IN ('flag', 'topic', 'intent') BEGIN
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT chatbot_id, segment, OLD.kind, OLD.first_at / 3600000, OLD.label, -1 FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND EXISTS (SELECT 1 FROM chatbots WHERE id = chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_conversations_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, NEW.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(NEW.language, '') ELSE NEW.resolution END, 1, 1 * NEW.message_count
  FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
-- An update that changes what keys the conversation's figures takes the old row's figures out of its old
-- segments and puts the new row's into its new ones.
CREATE TRIGGER rollup_segments_conversations_update AFTER UPDATE ON conversations
WHEN OLD.created_at / 3600000 IS NOT NEW.created_at / 3600000 OR OLD.resolution IS NOT NEW.resolution
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END)
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
  OR OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, OLD.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(OLD.language, '') ELSE OLD.resolution END, -1, -1 * OLD.message_count
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR OLD.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, NEW.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(NEW.language, '') ELSE NEW.resolution END, 1, 1 * NEW.message_count
  FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_conversations_messages AFTER UPDATE ON conversations
WHEN OLD.message_count IS NOT NEW.message_count AND NOT (OLD.created_at / 3600000 IS NOT NEW.created_at / 3600000 OR OLD.resolution IS NOT NEW.resolution
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END)
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
  OR OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id) BEGIN
  UPDATE rollup_segment_conversation_hours SET messages = messages + (NEW.message_count - OLD.message_count)
  WHERE chatbot_id = NEW.chatbot_id AND hour = NEW.created_at / 3600000
    AND (segment, dimension, value) IN (SELECT s.segment, d.dimension, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(NEW.language, '') ELSE NEW.resolution END FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL));
END;
--> statement-breakpoint
-- Only when the conversation may change segment (most flushes do not): its annotations and labels move between
-- the segments it left and joined.
CREATE TRIGGER rollup_segments_conversations_move AFTER UPDATE ON conversations
WHEN OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, -1 * g.annotations, -1 * g.scored, -1 * g.score_sum
  FROM (SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) EXCEPT SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL)) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = NEW.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, 1 * g.annotations, 1 * g.scored, 1 * g.score_sum
  FROM (SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL) EXCEPT SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL)) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = NEW.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, -1
  FROM (SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) EXCEPT SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL)) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = NEW.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, 1
  FROM (SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL) EXCEPT SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL)) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = NEW.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
-- Before the row goes: its annotations (deleted with it by the foreign key) still exist, and their own triggers,
-- running after, no longer find the conversation's segments.
CREATE TRIGGER rollup_segments_conversations_delete BEFORE DELETE ON conversations BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, OLD.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(OLD.language, '') ELSE OLD.resolution END, -1, -1 * OLD.message_count
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR OLD.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, -1 * g.annotations, -1 * g.scored, -1 * g.score_sum
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = OLD.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, -1
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = OLD.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_organization_plan AFTER UPDATE ON client_organizations WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_organization_delete BEFORE DELETE ON client_organizations WHEN OLD.plan IS NOT NULL BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_user_plan AFTER UPDATE ON client_users WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_user_delete BEFORE DELETE ON client_users WHEN OLD.plan IS NOT NULL BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
END;
