CREATE TABLE `rollup_annotation_hours` (
	`chatbot_id` text NOT NULL,
	`kind` text NOT NULL,
	`hour` integer NOT NULL,
	`label` text NOT NULL,
	`severity` text NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `kind`, `hour`, `label`, `severity`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_client_organizations` (
	`client_organization_id` text PRIMARY KEY NOT NULL,
	`chatbot_id` text NOT NULL,
	`conversations` integer NOT NULL,
	`scored` integer NOT NULL,
	`sentiment_sum` real NOT NULL,
	`last_activity` integer,
	FOREIGN KEY (`client_organization_id`) REFERENCES `client_organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_client_users` (
	`client_user_id` text PRIMARY KEY NOT NULL,
	`chatbot_id` text NOT NULL,
	`conversations` integer NOT NULL,
	`scored` integer NOT NULL,
	`sentiment_sum` real NOT NULL,
	`last_activity` integer,
	FOREIGN KEY (`client_user_id`) REFERENCES `client_users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_conversation_hours` (
	`chatbot_id` text NOT NULL,
	`dimension` text NOT NULL,
	`hour` integer NOT NULL,
	`value` text NOT NULL,
	`conversations` integer DEFAULT 0 NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `dimension`, `hour`, `value`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_message_hours` (
	`chatbot_id` text NOT NULL,
	`hour` integer NOT NULL,
	`role` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `hour`, `role`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `rollup_organization_flag_hours` (
	`chatbot_id` text NOT NULL,
	`label` text NOT NULL,
	`client_organization_id` text NOT NULL,
	`hour` integer NOT NULL,
	`annotations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chatbot_id`, `client_organization_id`, `label`, `hour`),
	FOREIGN KEY (`chatbot_id`) REFERENCES `chatbots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_organization_id`) REFERENCES `client_organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Custom part (not generated): back-fill from the rows already there, then the triggers that keep the
-- rollups exact on every later write (README "Analytics"; worker/analytics/rollups.ts says what each holds).
INSERT INTO rollup_conversation_hours (chatbot_id, dimension, hour, value, conversations, messages)
SELECT chatbot_id, dimension, hour, value, count(*), sum(messages) FROM (
  SELECT chatbot_id, 'all' AS dimension, created_at / 3600000 AS hour, '' AS value, message_count AS messages FROM conversations
  UNION ALL SELECT chatbot_id, 'resolution', created_at / 3600000, resolution, message_count FROM conversations WHERE resolution IS NOT NULL
  UNION ALL SELECT chatbot_id, 'band', created_at / 3600000, CASE WHEN conversations.sentiment_avg IS NULL THEN 'unscored' WHEN conversations.sentiment_avg > 0.2 THEN 'satisfied' WHEN conversations.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END, message_count FROM conversations
  UNION ALL SELECT chatbot_id, 'language', created_at / 3600000, coalesce(language, ''), message_count FROM conversations
) GROUP BY chatbot_id, dimension, hour, value;
--> statement-breakpoint
INSERT INTO rollup_annotation_hours (chatbot_id, kind, hour, label, severity, annotations, scored, score_sum)
SELECT chatbot_id, kind, created_at / 3600000, label, coalesce(severity, ''), count(*), count(score), coalesce(sum(score), 0)
FROM annotations WHERE annotations.kind != 'resolution' AND (annotations.kind != 'intent' OR annotations.status = 'accepted')
GROUP BY chatbot_id, kind, created_at / 3600000, label, coalesce(severity, '');
--> statement-breakpoint
INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
SELECT a.chatbot_id, a.label, c.client_organization_id, a.created_at / 3600000, count(*)
FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = a.chatbot_id
WHERE a.kind = 'flag' AND c.client_organization_id IS NOT NULL
GROUP BY a.chatbot_id, a.label, c.client_organization_id, a.created_at / 3600000;
--> statement-breakpoint
INSERT INTO rollup_client_users (client_user_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
SELECT client_user_id, chatbot_id, count(*), count(sentiment_avg), coalesce(sum(sentiment_avg), 0), max(coalesce(last_message_at, created_at))
FROM conversations WHERE client_user_id IS NOT NULL GROUP BY chatbot_id, client_user_id;
--> statement-breakpoint
INSERT INTO rollup_client_organizations (client_organization_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
SELECT client_organization_id, chatbot_id, count(*), count(sentiment_avg), coalesce(sum(sentiment_avg), 0), max(coalesce(last_message_at, created_at))
FROM conversations WHERE client_organization_id IS NOT NULL GROUP BY chatbot_id, client_organization_id;
--> statement-breakpoint
INSERT INTO rollup_message_hours (chatbot_id, hour, role, messages)
SELECT chatbot_id, at / 3600000, role, count(*) FROM search_messages GROUP BY chatbot_id, at / 3600000, role;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO rollup_conversation_hours (chatbot_id, dimension, hour, value, conversations, messages)
  SELECT NEW.chatbot_id, d, NEW.created_at / 3600000, v, 1, NEW.message_count FROM (
    SELECT 'all' AS d, '' AS v
    UNION ALL SELECT 'band', CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END
    UNION ALL SELECT 'language', coalesce(NEW.language, '')
    UNION ALL SELECT 'resolution', NEW.resolution WHERE NEW.resolution IS NOT NULL
  ) WHERE true
  ON CONFLICT (chatbot_id, dimension, hour, value) DO UPDATE SET conversations = conversations + 1, messages = messages + excluded.messages;
  INSERT INTO rollup_client_users (client_user_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
  SELECT NEW.client_user_id, NEW.chatbot_id, 1, NEW.sentiment_avg IS NOT NULL, coalesce(NEW.sentiment_avg, 0), coalesce(NEW.last_message_at, NEW.created_at)
  WHERE NEW.client_user_id IS NOT NULL
  ON CONFLICT (client_user_id) DO UPDATE SET conversations = conversations + 1, scored = scored + excluded.scored,
    sentiment_sum = sentiment_sum + excluded.sentiment_sum, last_activity = max(coalesce(last_activity, excluded.last_activity), excluded.last_activity);
  INSERT INTO rollup_client_organizations (client_organization_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
  SELECT NEW.client_organization_id, NEW.chatbot_id, 1, NEW.sentiment_avg IS NOT NULL, coalesce(NEW.sentiment_avg, 0), coalesce(NEW.last_message_at, NEW.created_at)
  WHERE NEW.client_organization_id IS NOT NULL
  ON CONFLICT (client_organization_id) DO UPDATE SET conversations = conversations + 1, scored = scored + excluded.scored,
    sentiment_sum = sentiment_sum + excluded.sentiment_sum, last_activity = max(coalesce(last_activity, excluded.last_activity), excluded.last_activity);
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_hours AFTER UPDATE ON conversations WHEN OLD.created_at IS NOT NEW.created_at OR OLD.message_count IS NOT NEW.message_count OR OLD.resolution IS NOT NEW.resolution OR OLD.sentiment_avg IS NOT NEW.sentiment_avg OR OLD.language IS NOT NEW.language OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND hour = OLD.created_at / 3600000 AND (
    (dimension = 'all' AND value = '') OR (dimension = 'band' AND value = CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END)
    OR (dimension = 'language' AND value = coalesce(OLD.language, '')) OR (dimension = 'resolution' AND value = OLD.resolution));
  INSERT INTO rollup_conversation_hours (chatbot_id, dimension, hour, value, conversations, messages)
  SELECT NEW.chatbot_id, d, NEW.created_at / 3600000, v, 1, NEW.message_count FROM (
    SELECT 'all' AS d, '' AS v
    UNION ALL SELECT 'band', CASE WHEN NEW.sentiment_avg IS NULL THEN 'unscored' WHEN NEW.sentiment_avg > 0.2 THEN 'satisfied' WHEN NEW.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END
    UNION ALL SELECT 'language', coalesce(NEW.language, '')
    UNION ALL SELECT 'resolution', NEW.resolution WHERE NEW.resolution IS NOT NULL
  ) WHERE true
  ON CONFLICT (chatbot_id, dimension, hour, value) DO UPDATE SET conversations = conversations + 1, messages = messages + excluded.messages;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_users AFTER UPDATE ON conversations
WHEN OLD.client_user_id IS NOT NEW.client_user_id OR OLD.sentiment_avg IS NOT NEW.sentiment_avg OR OLD.last_message_at IS NOT NEW.last_message_at OR OLD.created_at IS NOT NEW.created_at BEGIN
  UPDATE rollup_client_users SET conversations = conversations - 1, scored = scored - (OLD.sentiment_avg IS NOT NULL),
    sentiment_sum = sentiment_sum - coalesce(OLD.sentiment_avg, 0)
  WHERE client_user_id = OLD.client_user_id;
  INSERT INTO rollup_client_users (client_user_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
  SELECT NEW.client_user_id, NEW.chatbot_id, 1, NEW.sentiment_avg IS NOT NULL, coalesce(NEW.sentiment_avg, 0), coalesce(NEW.last_message_at, NEW.created_at)
  WHERE NEW.client_user_id IS NOT NULL
  ON CONFLICT (client_user_id) DO UPDATE SET conversations = conversations + 1, scored = scored + excluded.scored,
    sentiment_sum = sentiment_sum + excluded.sentiment_sum, last_activity = max(coalesce(last_activity, excluded.last_activity), excluded.last_activity);
  UPDATE rollup_client_users SET last_activity = (SELECT max(coalesce(c.last_message_at, c.created_at)) FROM conversations c WHERE c.chatbot_id = OLD.chatbot_id AND c.client_user_id = OLD.client_user_id)
  WHERE client_user_id = OLD.client_user_id AND (OLD.client_user_id IS NOT NEW.client_user_id OR coalesce(NEW.last_message_at, NEW.created_at) < coalesce(OLD.last_message_at, OLD.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_organizations AFTER UPDATE ON conversations
WHEN OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.sentiment_avg IS NOT NEW.sentiment_avg OR OLD.last_message_at IS NOT NEW.last_message_at OR OLD.created_at IS NOT NEW.created_at BEGIN
  UPDATE rollup_client_organizations SET conversations = conversations - 1, scored = scored - (OLD.sentiment_avg IS NOT NULL),
    sentiment_sum = sentiment_sum - coalesce(OLD.sentiment_avg, 0)
  WHERE client_organization_id = OLD.client_organization_id;
  INSERT INTO rollup_client_organizations (client_organization_id, chatbot_id, conversations, scored, sentiment_sum, last_activity)
  SELECT NEW.client_organization_id, NEW.chatbot_id, 1, NEW.sentiment_avg IS NOT NULL, coalesce(NEW.sentiment_avg, 0), coalesce(NEW.last_message_at, NEW.created_at)
  WHERE NEW.client_organization_id IS NOT NULL
  ON CONFLICT (client_organization_id) DO UPDATE SET conversations = conversations + 1, scored = scored + excluded.scored,
    sentiment_sum = sentiment_sum + excluded.sentiment_sum, last_activity = max(coalesce(last_activity, excluded.last_activity), excluded.last_activity);
  UPDATE rollup_client_organizations SET last_activity = (SELECT max(coalesce(c.last_message_at, c.created_at)) FROM conversations c WHERE c.chatbot_id = OLD.chatbot_id AND c.client_organization_id = OLD.client_organization_id)
  WHERE client_organization_id = OLD.client_organization_id AND (OLD.client_organization_id IS NOT NEW.client_organization_id OR coalesce(NEW.last_message_at, NEW.created_at) < coalesce(OLD.last_message_at, OLD.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_flag_owner AFTER UPDATE ON conversations
WHEN OLD.client_organization_id IS NOT NEW.client_organization_id BEGIN
  UPDATE rollup_organization_flag_hours SET annotations = annotations - (
    SELECT count(*) FROM annotations a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND a.label = rollup_organization_flag_hours.label AND a.created_at / 3600000 = rollup_organization_flag_hours.hour)
  WHERE chatbot_id = OLD.chatbot_id AND client_organization_id = OLD.client_organization_id;
  INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
  SELECT a.chatbot_id, a.label, NEW.client_organization_id, a.created_at / 3600000, count(*)
  FROM annotations a WHERE a.conversation_id = NEW.id AND a.chatbot_id = NEW.chatbot_id AND a.kind = 'flag' AND NEW.client_organization_id IS NOT NULL
  GROUP BY a.chatbot_id, a.label, a.created_at / 3600000
  ON CONFLICT (chatbot_id, client_organization_id, label, hour) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_delete AFTER DELETE ON conversations BEGIN
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND hour = OLD.created_at / 3600000 AND (
    (dimension = 'all' AND value = '') OR (dimension = 'band' AND value = CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END)
    OR (dimension = 'language' AND value = coalesce(OLD.language, '')) OR (dimension = 'resolution' AND value = OLD.resolution));
  UPDATE rollup_client_users SET conversations = conversations - 1, scored = scored - (OLD.sentiment_avg IS NOT NULL),
    sentiment_sum = sentiment_sum - coalesce(OLD.sentiment_avg, 0)
  WHERE client_user_id = OLD.client_user_id;
  UPDATE rollup_client_organizations SET conversations = conversations - 1, scored = scored - (OLD.sentiment_avg IS NOT NULL),
    sentiment_sum = sentiment_sum - coalesce(OLD.sentiment_avg, 0)
  WHERE client_organization_id = OLD.client_organization_id;
  UPDATE rollup_client_users SET last_activity = (SELECT max(coalesce(c.last_message_at, c.created_at)) FROM conversations c WHERE c.chatbot_id = OLD.chatbot_id AND c.client_user_id = OLD.client_user_id)
  WHERE client_user_id = OLD.client_user_id AND true;
  UPDATE rollup_client_organizations SET last_activity = (SELECT max(coalesce(c.last_message_at, c.created_at)) FROM conversations c WHERE c.chatbot_id = OLD.chatbot_id AND c.client_organization_id = OLD.client_organization_id)
  WHERE client_organization_id = OLD.client_organization_id AND true;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_insert AFTER INSERT ON annotations BEGIN
  INSERT INTO rollup_annotation_hours (chatbot_id, kind, hour, label, severity, annotations, scored, score_sum)
  SELECT NEW.chatbot_id, NEW.kind, NEW.created_at / 3600000, NEW.label, coalesce(NEW.severity, ''), 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  WHERE NEW.kind != 'resolution' AND (NEW.kind != 'intent' OR NEW.status = 'accepted')
  ON CONFLICT (chatbot_id, kind, hour, label, severity) DO UPDATE SET annotations = annotations + 1, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
  SELECT NEW.chatbot_id, NEW.label, c.client_organization_id, NEW.created_at / 3600000, 1
  FROM conversations c WHERE c.id = NEW.conversation_id AND c.chatbot_id = NEW.chatbot_id AND c.client_organization_id IS NOT NULL AND NEW.kind = 'flag'
  ON CONFLICT (chatbot_id, client_organization_id, label, hour) DO UPDATE SET annotations = annotations + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_update AFTER UPDATE ON annotations WHEN OLD.chatbot_id IS NOT NEW.chatbot_id OR OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.severity IS NOT NEW.severity OR OLD.score IS NOT NEW.score OR OLD.status IS NOT NEW.status OR OLD.created_at IS NOT NEW.created_at BEGIN
  UPDATE rollup_annotation_hours SET annotations = annotations - 1, scored = scored - (OLD.score IS NOT NULL), score_sum = score_sum - coalesce(OLD.score, 0)
  WHERE chatbot_id = OLD.chatbot_id AND kind = OLD.kind AND hour = OLD.created_at / 3600000 AND label = OLD.label AND severity = coalesce(OLD.severity, '')
    AND OLD.kind != 'resolution' AND (OLD.kind != 'intent' OR OLD.status = 'accepted');
  UPDATE rollup_organization_flag_hours SET annotations = annotations - 1
  WHERE chatbot_id = OLD.chatbot_id AND label = OLD.label AND hour = OLD.created_at / 3600000 AND OLD.kind = 'flag'
    AND client_organization_id = (SELECT c.client_organization_id FROM conversations c WHERE c.id = OLD.conversation_id AND c.chatbot_id = OLD.chatbot_id);
  INSERT INTO rollup_annotation_hours (chatbot_id, kind, hour, label, severity, annotations, scored, score_sum)
  SELECT NEW.chatbot_id, NEW.kind, NEW.created_at / 3600000, NEW.label, coalesce(NEW.severity, ''), 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  WHERE NEW.kind != 'resolution' AND (NEW.kind != 'intent' OR NEW.status = 'accepted')
  ON CONFLICT (chatbot_id, kind, hour, label, severity) DO UPDATE SET annotations = annotations + 1, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum;
  INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
  SELECT NEW.chatbot_id, NEW.label, c.client_organization_id, NEW.created_at / 3600000, 1
  FROM conversations c WHERE c.id = NEW.conversation_id AND c.chatbot_id = NEW.chatbot_id AND c.client_organization_id IS NOT NULL AND NEW.kind = 'flag'
  ON CONFLICT (chatbot_id, client_organization_id, label, hour) DO UPDATE SET annotations = annotations + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_annotations_delete AFTER DELETE ON annotations BEGIN
  UPDATE rollup_annotation_hours SET annotations = annotations - 1, scored = scored - (OLD.score IS NOT NULL), score_sum = score_sum - coalesce(OLD.score, 0)
  WHERE chatbot_id = OLD.chatbot_id AND kind = OLD.kind AND hour = OLD.created_at / 3600000 AND label = OLD.label AND severity = coalesce(OLD.severity, '')
    AND OLD.kind != 'resolution' AND (OLD.kind != 'intent' OR OLD.status = 'accepted');
  UPDATE rollup_organization_flag_hours SET annotations = annotations - 1
  WHERE chatbot_id = OLD.chatbot_id AND label = OLD.label AND hour = OLD.created_at / 3600000 AND OLD.kind = 'flag'
    AND client_organization_id = (SELECT c.client_organization_id FROM conversations c WHERE c.id = OLD.conversation_id AND c.chatbot_id = OLD.chatbot_id);
END;
--> statement-breakpoint
CREATE TRIGGER rollup_search_messages_insert AFTER INSERT ON search_messages BEGIN
  INSERT INTO rollup_message_hours (chatbot_id, hour, role, messages) VALUES (NEW.chatbot_id, NEW.at / 3600000, NEW.role, 1)
  ON CONFLICT (chatbot_id, hour, role) DO UPDATE SET messages = messages + 1;
END;
--> statement-breakpoint
CREATE TRIGGER rollup_search_messages_delete AFTER DELETE ON search_messages BEGIN
  UPDATE rollup_message_hours SET messages = messages - 1 WHERE chatbot_id = OLD.chatbot_id AND hour = OLD.at / 3600000 AND role = OLD.role;
END;

