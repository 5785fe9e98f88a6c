-- Custom migration (no schema change): four conversation triggers found their rollup rows with a condition
-- SQLite could not turn into key lookups, so each ran over every rollup row of the chatbot (or of the
-- organization). At 1,000,000 conversations that was ~2 ms of the index writer's transaction for every
-- conversation row it updated, growing with history. Same rows touched, now each by its primary key.
--
-- 1. The conversation-hours rollup, on every update that moves a conversation's figures (each index flush) and
--    on delete: one OR over (dimension, value) pairs only used the key's chatbot_id prefix. One UPDATE per
--    dimension now, each on the whole key (a NULL resolution matches no row, as before).
DROP TRIGGER IF EXISTS rollup_conversations_update_hours;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_hours AFTER UPDATE ON conversations WHEN OLD.created_at IS NOT NEW.created_at OR OLD.message_count IS NOT NEW.message_count OR OLD.resolution IS NOT NEW.resolution OR OLD.sentiment_avg IS NOT NEW.sentiment_avg OR OLD.language IS NOT NEW.language OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'all' AND hour = OLD.created_at / 3600000 AND value = '';
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'band' AND hour = OLD.created_at / 3600000
    AND value = CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END;
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'language' AND hour = OLD.created_at / 3600000 AND value = coalesce(OLD.language, '');
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'resolution' AND hour = OLD.created_at / 3600000 AND value = OLD.resolution;
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
DROP TRIGGER IF EXISTS rollup_conversations_delete;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_delete AFTER DELETE ON conversations BEGIN
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'all' AND hour = OLD.created_at / 3600000 AND value = '';
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'band' AND hour = OLD.created_at / 3600000
    AND value = CASE WHEN OLD.sentiment_avg IS NULL THEN 'unscored' WHEN OLD.sentiment_avg > 0.2 THEN 'satisfied' WHEN OLD.sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END;
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'language' AND hour = OLD.created_at / 3600000 AND value = coalesce(OLD.language, '');
  UPDATE rollup_conversation_hours SET conversations = conversations - 1, messages = messages - OLD.message_count
  WHERE chatbot_id = OLD.chatbot_id AND dimension = 'resolution' AND hour = OLD.created_at / 3600000 AND value = OLD.resolution;
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
-- 2. A conversation changing owner took its flags out of the old user's hours with a condition on (chatbot,
--    user), which is not a prefix of that rollup's key (chatbot, label, hour, user): every user-flag row of the
--    chatbot was read. The rows are now named by the conversation's own flags, each by its key (the chatbot taken
--    from the annotation: with OLD.chatbot_id there SQLite 3.40 used only the key's first two columns).
--    The organizations' flags (below) are found the same way, where the old condition read every flag hour of
--    the organization, counting the conversation's flags again for each.
-- 3. Both owner-change triggers (users' flags above, organizations' below) read the conversation's flags with
--    `a.chatbot_id = …` beside `a.conversation_id = …`, and SQLite, without statistics, walked the chatbot's
--    (chatbot, kind, label, time) index — every flag of the chatbot — instead of the conversation's few
--    annotations. A unary + keeps the condition and takes that index out of the choice.
DROP TRIGGER IF EXISTS rollup_conversations_update_user_flags;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_user_flags AFTER UPDATE ON conversations
WHEN OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id BEGIN
  UPDATE rollup_user_flag_hours SET annotations = annotations - (
    SELECT count(*) FROM annotations a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND a.label = rollup_user_flag_hours.label AND a.created_at / 3600000 = rollup_user_flag_hours.hour)
  WHERE OLD.client_organization_id IS NULL AND (chatbot_id, label, hour, client_user_id) IN (
    SELECT a.chatbot_id, a.label, a.created_at / 3600000, OLD.client_user_id FROM annotations a
    WHERE a.conversation_id = NEW.id AND +a.chatbot_id = OLD.chatbot_id AND a.kind = 'flag');
  INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
  SELECT a.chatbot_id, a.label, a.created_at / 3600000, NEW.client_user_id, count(*)
  FROM annotations a WHERE a.conversation_id = NEW.id AND +a.chatbot_id = NEW.chatbot_id AND a.kind = 'flag' AND NEW.client_organization_id IS NULL AND NEW.client_user_id IS NOT NULL
  GROUP BY a.chatbot_id, a.label, a.created_at / 3600000
  ON CONFLICT (chatbot_id, label, hour, client_user_id) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS rollup_conversations_update_flag_owner;
--> statement-breakpoint
CREATE TRIGGER rollup_conversations_update_flag_owner AFTER UPDATE ON conversations
WHEN OLD.client_organization_id IS NOT NEW.client_organization_id BEGIN
  UPDATE rollup_organization_flag_hours SET annotations = annotations - (
    SELECT count(*) FROM annotations a WHERE a.conversation_id = NEW.id AND a.kind = 'flag' AND a.label = rollup_organization_flag_hours.label AND a.created_at / 3600000 = rollup_organization_flag_hours.hour)
  WHERE (chatbot_id, client_organization_id, label, hour) IN (
    SELECT a.chatbot_id, OLD.client_organization_id, a.label, a.created_at / 3600000 FROM annotations a
    WHERE a.conversation_id = NEW.id AND +a.chatbot_id = OLD.chatbot_id AND a.kind = 'flag');
  INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
  SELECT a.chatbot_id, a.label, NEW.client_organization_id, a.created_at / 3600000, count(*)
  FROM annotations a WHERE a.conversation_id = NEW.id AND +a.chatbot_id = NEW.chatbot_id AND a.kind = 'flag' AND NEW.client_organization_id IS NOT NULL
  GROUP BY a.chatbot_id, a.label, a.created_at / 3600000
  ON CONFLICT (chatbot_id, client_organization_id, label, hour) DO UPDATE SET annotations = annotations + excluded.annotations;
END;
