CREATE TABLE `segment_backfill` (
	`conversation_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segment_combinations` (
	`chatbot_id` text NOT NULL,
	`segment` text NOT NULL,
	`plan` text,
	`country` text,
	`language` text,
	`label` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`chatbot_id`, `segment`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part (not generated): the registered filter combinations become segments — the view naming a
-- conversation's segments, and every trigger that names them from a conversation row (its own figures, and a
-- move when it or its owner's plan changes), replaced by the same with the combinations it matches. The
-- annotation and label triggers read the view. A combination is back-filled when registered
-- (worker/analytics/segment-combinations.ts, from the view conversation_combinations: those alone), so
-- nothing here writes rollups.
DROP VIEW conversation_segments;
--> statement-breakpoint
CREATE VIEW conversation_segments AS
SELECT id AS conversation_id, chatbot_id, 'country:' || country AS segment FROM conversations WHERE country IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'language:' || language FROM conversations WHERE language IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'label:' || CASE WHEN sentiment_avg <= -0.6 THEN 'very_negative' WHEN sentiment_avg <= -0.2 THEN 'negative' WHEN sentiment_avg < 0.2 THEN 'neutral' WHEN sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END FROM conversations WHERE sentiment_avg IS NOT NULL
UNION ALL SELECT c.id, c.chatbot_id, 'plan:' || lower(coalesce(o.plan, u.plan)) FROM conversations AS c
  LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id
  WHERE coalesce(o.plan, u.plan) IS NOT NULL
UNION ALL SELECT c.id AS conversation_id, c.chatbot_id, k.segment FROM conversations AS c JOIN segment_combinations AS k ON k.chatbot_id = c.chatbot_id
  WHERE (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = c.client_organization_id), (SELECT plan FROM client_users WHERE id = c.client_user_id))));
--> statement-breakpoint
CREATE VIEW conversation_combinations AS
SELECT c.id AS conversation_id, c.chatbot_id, k.segment FROM conversations AS c JOIN segment_combinations AS k ON k.chatbot_id = c.chatbot_id
  WHERE (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = c.client_organization_id), (SELECT plan FROM client_users WHERE id = c.client_user_id))));
--> statement-breakpoint
DROP TRIGGER rollup_segments_conversations_insert;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_conversations_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, NEW.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(NEW.language, '') ELSE NEW.resolution END, 1, 1 * NEW.message_count
  FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_conversations_update;
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
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR OLD.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, NEW.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(NEW.language, '') ELSE NEW.resolution END, 1, 1 * NEW.message_count
  FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_conversations_messages;
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
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR NEW.resolution IS NOT NULL));
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_conversations_move;
--> statement-breakpoint
-- Only when the conversation may change segment (most flushes do not): its annotations and labels move between
-- the segments it left and joined; its flags, under its owner, out of every old segment and into every new one.
CREATE TRIGGER rollup_segments_conversations_move AFTER UPDATE ON conversations
WHEN OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, -1 * g.annotations, -1 * g.scored, -1 * g.score_sum
  FROM (SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) EXCEPT SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id)))))) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = NEW.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, 1 * g.annotations, 1 * g.scored, 1 * g.score_sum
  FROM (SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) EXCEPT SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id)))))) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = NEW.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, -1
  FROM (SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) EXCEPT SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id)))))) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = NEW.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, 1
  FROM (SELECT * FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) EXCEPT SELECT * FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id)))))) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = NEW.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT s.chatbot_id, s.segment, a.label, a.created_at / 3600000, CASE WHEN OLD.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END, coalesce(OLD.client_organization_id, OLD.client_user_id), -1 * count(*)
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, annotations AS a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND coalesce(OLD.client_organization_id, OLD.client_user_id) IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT s.chatbot_id, s.segment, a.label, a.created_at / 3600000, CASE WHEN NEW.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END, coalesce(NEW.client_organization_id, NEW.client_user_id), 1 * count(*)
  FROM (SELECT NEW.chatbot_id AS chatbot_id, 'country:' || NEW.country AS segment WHERE NEW.country IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'language:' || NEW.language WHERE NEW.language IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'label:' || CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE NEW.sentiment_avg IS NOT NULL
      UNION ALL SELECT NEW.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = NEW.chatbot_id
        AND (k.country IS NULL OR k.country = NEW.country) AND (k.language IS NULL OR k.language = NEW.language)
        AND (k.label IS NULL OR k.label = CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN NEW.sentiment_avg <= -0.6 THEN 'very_negative' WHEN NEW.sentiment_avg <= -0.2 THEN 'negative' WHEN NEW.sentiment_avg < 0.2 THEN 'neutral' WHEN NEW.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = NEW.client_organization_id), (SELECT plan FROM client_users WHERE id = NEW.client_user_id))))) AS s, annotations AS a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND coalesce(NEW.client_organization_id, NEW.client_user_id) IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_conversations_delete;
--> statement-breakpoint
-- Before the row goes: its annotations (deleted with it by the foreign key) still exist, and their own triggers,
-- running after, no longer find the conversation's segments.
CREATE TRIGGER rollup_segments_conversations_delete BEFORE DELETE ON conversations BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT s.chatbot_id, s.segment, d.dimension, OLD.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(OLD.language, '') ELSE OLD.resolution END, -1, -1 * OLD.message_count
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d WHERE (d.dimension != 'resolution' OR OLD.resolution IS NOT NULL) AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, -1 * g.annotations, -1 * g.scored, -1 * g.score_sum
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, (SELECT kind, created_at / 3600000 AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = OLD.id AND (kind IN ('sentiment', 'flag', 'topic') OR (kind = 'intent' AND status = 'accepted')) GROUP BY kind, created_at / 3600000, label) AS g WHERE EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / 3600000, l.label, -1
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = OLD.id AND l.kind IN ('flag', 'topic', 'intent') AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT s.chatbot_id, s.segment, a.label, a.created_at / 3600000, CASE WHEN OLD.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END, coalesce(OLD.client_organization_id, OLD.client_user_id), -1 * count(*)
  FROM (SELECT OLD.chatbot_id AS chatbot_id, 'country:' || OLD.country AS segment WHERE OLD.country IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'language:' || OLD.language WHERE OLD.language IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'label:' || CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END WHERE OLD.sentiment_avg IS NOT NULL
      UNION ALL SELECT OLD.chatbot_id, 'plan:' || p FROM (SELECT lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))) AS p) WHERE p IS NOT NULL
      UNION ALL SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = OLD.chatbot_id
        AND (k.country IS NULL OR k.country = OLD.country) AND (k.language IS NULL OR k.language = OLD.language)
        AND (k.label IS NULL OR k.label = CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN OLD.sentiment_avg <= -0.6 THEN 'very_negative' WHEN OLD.sentiment_avg <= -0.2 THEN 'negative' WHEN OLD.sentiment_avg < 0.2 THEN 'neutral' WHEN OLD.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)
        AND (k.plan IS NULL OR k.plan = lower(coalesce((SELECT plan FROM client_organizations WHERE id = OLD.client_organization_id), (SELECT plan FROM client_users WHERE id = OLD.client_user_id))))) AS s, annotations AS a WHERE a.conversation_id = OLD.id AND a.kind = 'flag' AND coalesce(OLD.client_organization_id, OLD.client_user_id) IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = s.chatbot_id)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_organization_plan;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_organization_plan AFTER UPDATE ON client_organizations WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan))) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan))) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan))) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT m.chatbot_id, m.segment, a.label, a.created_at / 3600000, m.owner_kind, m.owner_id, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan)))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = NEW.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(coalesce(NEW.plan, u.plan))) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(coalesce(NEW.plan, u.plan)) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND m.owner_id IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND a.kind = 'flag' GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_organization_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_organization_delete BEFORE DELETE ON client_organizations WHEN OLD.plan IS NOT NULL BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT m.chatbot_id, m.segment, a.label, a.created_at / 3600000, m.owner_kind, m.owner_id, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id,
      'plan:' || CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_organization_id = OLD.id AND (lower(coalesce(OLD.plan, u.plan))) IS NOT (lower(u.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(coalesce(OLD.plan, u.plan)) ELSE lower(u.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND m.owner_id IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND a.kind = 'flag' GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_user_plan;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_user_plan AFTER UPDATE ON client_users WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT m.chatbot_id, m.segment, a.label, a.created_at / 3600000, m.owner_kind, m.owner_id, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan))
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = NEW.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (lower(NEW.plan)) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE lower(NEW.plan) END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND m.owner_id IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND a.kind = 'flag' GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER rollup_segments_user_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_segments_user_delete BEFORE DELETE ON client_users WHEN OLD.plan IS NOT NULL BEGIN
  INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / 3600000, CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN CASE WHEN m.sentiment_avg IS NULL THEN 'unscored' WHEN m.sentiment_avg > 0.2 THEN 'satisfied' WHEN m.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END WHEN 'language' THEN coalesce(m.language, '') ELSE m.resolution END, sum(m.sign), sum(m.sign * m.message_count)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m, (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (d.dimension != 'resolution' OR m.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages;
  INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / 3600000, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / 3600000, l.label, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations;
  INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
  SELECT m.chatbot_id, m.segment, a.label, a.created_at / 3600000, m.owner_kind, m.owner_id, sum(m.sign)
  FROM (SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id,
      'plan:' || CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END AS segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL)
    UNION ALL SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,
      CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END AS owner_kind, coalesce(c.client_organization_id, c.client_user_id) AS owner_id, k.segment
    FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x, segment_combinations AS k
    WHERE c.client_user_id = OLD.id AND o.plan IS NULL AND (lower(OLD.plan)) IS NOT (NULL) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN lower(OLD.plan) ELSE NULL END
      AND (k.country IS NULL OR k.country = c.country) AND (k.language IS NULL OR k.language = c.language)
        AND (k.label IS NULL OR k.label = CASE WHEN c.sentiment_avg IS NULL THEN NULL ELSE CASE WHEN c.sentiment_avg <= -0.6 THEN 'very_negative' WHEN c.sentiment_avg <= -0.2 THEN 'negative' WHEN c.sentiment_avg < 0.2 THEN 'neutral' WHEN c.sentiment_avg < 0.6 THEN 'positive' ELSE 'very_positive' END END)) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND m.owner_id IS NOT NULL AND EXISTS (SELECT 1 FROM chatbots WHERE id = m.chatbot_id) AND a.kind = 'flag' GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
