/**
 * Writes the hand-written part of migrations 0020_segment_rollups, 0021_segment_owner_flags and
 * 0023_segment_combinations: the view naming each conversation's segments, the back-fills and the triggers
 * that keep the segment rollups exact (worker/analytics/rollups.ts). The triggers are many variations of a few
 * signed upserts, so they are composed here rather than typed out; the SQL is committed in the migrations,
 * never edited after it is applied, and test/generated/rollup-triggers.test.ts checks the two still equal
 * this script's output. A change to the segments is a new migration that drops and recreates what it changes
 * (as 0021 and 0023 do).
 */
const H = 3600000;
const LABEL = (x: string) => `CASE WHEN ${x} <= -0.6 THEN 'very_negative' WHEN ${x} <= -0.2 THEN 'negative' WHEN ${x} < 0.2 THEN 'neutral' WHEN ${x} < 0.6 THEN 'positive' ELSE 'very_positive' END`;
const BAND = (x: string) => `CASE WHEN ${x} IS NULL THEN 'unscored' WHEN ${x} > 0.2 THEN 'satisfied' WHEN ${x} < -0.2 THEN 'dissatisfied' ELSE 'neutral' END`;
const COUNTED = (a: string) => `(${a}kind IN ('sentiment', 'flag', 'topic') OR (${a}kind = 'intent' AND ${a}status = 'accepted'))`;
const COUNTED_LABEL = (l: string) => `${l}kind IN ('flag', 'topic', 'intent')`;
const planOf = (org: string, user: string) => `lower(coalesce((SELECT plan FROM client_organizations WHERE id = ${org}), (SELECT plan FROM client_users WHERE id = ${user})))`;
/** Whether the segments include the registered filter combinations (migration 0023 and after). */
let combinations = false;
/**
 * Combination k (a `segment_combinations` row) matches conversation row R, its plan (lower case) `plan`;
 * `withPlan` false: ignoring k's plan. The plan, two lookups, is checked last, for the rows the rest let through.
 */
const matches = (k: string, R: string, plan: string, withPlan = true) =>
  `(${k}.country IS NULL OR ${k}.country = ${R}.country) AND (${k}.language IS NULL OR ${k}.language = ${R}.language)
        AND (${k}.label IS NULL OR ${k}.label = CASE WHEN ${R}.sentiment_avg IS NULL THEN NULL ELSE ${LABEL(`${R}.sentiment_avg`)} END)${withPlan ? `
        AND (${k}.plan IS NULL OR ${k}.plan = ${plan})` : ""}`;
/** The (chatbot_id, segment) rows of a conversation row R given by its columns (NEW or OLD in a trigger). */
const segs = (R: string) => [
  `SELECT ${R}.chatbot_id AS chatbot_id, 'country:' || ${R}.country AS segment WHERE ${R}.country IS NOT NULL`,
  `SELECT ${R}.chatbot_id, 'language:' || ${R}.language WHERE ${R}.language IS NOT NULL`,
  `SELECT ${R}.chatbot_id, 'label:' || ${LABEL(`${R}.sentiment_avg`)} WHERE ${R}.sentiment_avg IS NOT NULL`,
  `SELECT ${R}.chatbot_id, 'plan:' || p FROM (SELECT ${planOf(`${R}.client_organization_id`, `${R}.client_user_id`)} AS p) WHERE p IS NOT NULL`,
  ...(combinations
    ? [`SELECT k.chatbot_id, k.segment FROM segment_combinations AS k WHERE k.chatbot_id = ${R}.chatbot_id
        AND ${matches("k", R, planOf(`${R}.client_organization_id`, `${R}.client_user_id`))}`]
    : []),
].join("\n      UNION ALL ");
const only = (a: string, b: string) => `SELECT * FROM (${a}) EXCEPT SELECT * FROM (${b})`;
const DIMS = `(SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d`;
const dimValue = (R: string) => `CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN ${BAND(`${R}.sentiment_avg`)} WHEN 'language' THEN coalesce(${R}.language, '') ELSE ${R}.resolution END`;
const dimWhere = (R: string) => `(d.dimension != 'resolution' OR ${R}.resolution IS NOT NULL)`;
const UPSERT_FACTS = `ON CONFLICT (chatbot_id, segment, hour, dimension, value) DO UPDATE SET conversations = conversations + excluded.conversations, messages = messages + excluded.messages`;
const UPSERT_ANNS = `ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET annotations = annotations + excluded.annotations, scored = scored + excluded.scored, score_sum = score_sum + excluded.score_sum`;
const UPSERT_LABELS = `ON CONFLICT (chatbot_id, segment, kind, hour, label) DO UPDATE SET conversations = conversations + excluded.conversations`;
const INTO_FACTS = `INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)`;
const INTO_ANNS = `INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)`;
const INTO_LABELS = `INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)`;

/** A conversation row R's own figures (creation hour), signed, into the segments `s`. */
const facts = (R: string, sign: number, s: string) => `  ${INTO_FACTS}
  SELECT s.chatbot_id, s.segment, d.dimension, ${R}.created_at / ${H}, ${dimValue(R)}, ${sign}, ${sign} * ${R}.message_count
  FROM (${s}) AS s, ${DIMS} WHERE ${dimWhere(R)} AND ${alive("s.chatbot_id")}
  ${UPSERT_FACTS};`;
/** Every counted annotation of conversation `id`, signed, into the segments `s`. */
const anns = (id: string, sign: number, s: string) => `  ${INTO_ANNS}
  SELECT s.chatbot_id, s.segment, g.kind, g.hour, g.label, ${sign} * g.annotations, ${sign} * g.scored, ${sign} * g.score_sum
  FROM (${s}) AS s, (SELECT kind, created_at / ${H} AS hour, label, count(*) AS annotations, count(score) AS scored, coalesce(sum(score), 0) AS score_sum
    FROM annotations WHERE conversation_id = ${id} AND ${COUNTED("")} GROUP BY kind, created_at / ${H}, label) AS g WHERE ${alive("s.chatbot_id")}
  ${UPSERT_ANNS};`;
/** Every counted label of conversation `id` (its first hour), signed, into the segments `s`. */
const labels = (id: string, sign: number, s: string) => `  ${INTO_LABELS}
  SELECT s.chatbot_id, s.segment, l.kind, l.first_at / ${H}, l.label, ${sign}
  FROM (${s}) AS s, rollup_conversation_labels AS l WHERE l.conversation_id = ${id} AND ${COUNTED_LABEL("l.")} AND ${alive("s.chatbot_id")}
  ${UPSERT_LABELS};`;
/** Rollup rows go with their chatbot (foreign key): while a chatbot is deleted, its rows cascading away write nothing. */
const alive = (id: string) => `EXISTS (SELECT 1 FROM chatbots WHERE id = ${id})`;

/** Conversations of an owner moving from one plan segment to another: `pick` chooses them, `before`/`after` their plan (lower case) in terms of c, o, u. */
const moved = (pick: string, before: string, after: string, withOwners = false) => {
  const columns = `SELECT c.id, c.chatbot_id, c.created_at, c.message_count, c.sentiment_avg, c.language, c.resolution, x.sign,${withOwners ? `
      ${KIND("c")} AS owner_kind, ${OWNER("c")} AS owner_id,` : ""}`;
  const from = `FROM conversations AS c LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id,
      (SELECT -1 AS sign UNION ALL SELECT 1) AS x`;
  const plan = `${columns}
      'plan:' || CASE x.sign WHEN -1 THEN ${before} ELSE ${after} END AS segment
    ${from}
    WHERE ${pick} AND (${before}) IS NOT (${after})`;
  // The combinations on a plan move too: out of those the old plan matched, into those the new one does.
  return combinations
    ? `${plan}
    UNION ALL ${columns} k.segment
    ${from}, segment_combinations AS k
    WHERE ${pick} AND (${before}) IS NOT (${after}) AND k.chatbot_id = c.chatbot_id AND k.plan = CASE x.sign WHEN -1 THEN ${before} ELSE ${after} END
      AND ${matches("k", "c", "", false)}`
    : plan;
};
const move = (pick: string, before: string, after: string, withOwners: boolean) => `  ${INTO_FACTS}
  SELECT m.chatbot_id, m.segment, d.dimension, m.created_at / ${H}, ${dimValue("m")}, sum(m.sign), sum(m.sign * m.message_count)
  FROM (${moved(pick, before, after)}) AS m, ${DIMS}
  WHERE m.segment IS NOT NULL AND ${alive("m.chatbot_id")} AND ${dimWhere("m")} GROUP BY 1, 2, 3, 4, 5
  ${UPSERT_FACTS};
  ${INTO_ANNS}
  SELECT m.chatbot_id, m.segment, a.kind, a.created_at / ${H}, a.label, sum(m.sign), sum(m.sign * (a.score IS NOT NULL)), sum(m.sign * coalesce(a.score, 0))
  FROM (${moved(pick, before, after)}) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND ${alive("m.chatbot_id")} AND ${COUNTED("a.")} GROUP BY 1, 2, 3, 4, 5
  ${UPSERT_ANNS};
  ${INTO_LABELS}
  SELECT m.chatbot_id, m.segment, l.kind, l.first_at / ${H}, l.label, sum(m.sign)
  FROM (${moved(pick, before, after)}) AS m JOIN rollup_conversation_labels AS l ON l.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND ${alive("m.chatbot_id")} AND ${COUNTED_LABEL("l.")} GROUP BY 1, 2, 3, 4, 5
  ${UPSERT_LABELS};${withOwners ? `
  ${INTO_OWNERS}
  SELECT m.chatbot_id, m.segment, a.label, a.created_at / ${H}, m.owner_kind, m.owner_id, sum(m.sign)
  FROM (${moved(pick, before, after, true)}) AS m JOIN annotations AS a ON a.conversation_id = m.id
  WHERE m.segment IS NOT NULL AND m.owner_id IS NOT NULL AND ${alive("m.chatbot_id")} AND a.kind = 'flag' GROUP BY 1, 2, 3, 4, 5, 6
  ${UPSERT_OWNERS};` : ""}`;

/** A conversation row R's owner for MRR at risk: its organization, else its user (mrr-at-risk.ts). */
const OWNER = (R: string) => `coalesce(${R}.client_organization_id, ${R}.client_user_id)`;
const KIND = (R: string) => `CASE WHEN ${R}.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END`;
const INTO_OWNERS = `INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)`;
const UPSERT_OWNERS = `ON CONFLICT (chatbot_id, segment, label, hour, owner_kind, owner_id) DO UPDATE SET annotations = annotations + excluded.annotations`;
/** Every flag of conversation `id` (whose row is R), signed, under its owner in the segments \`s\`. */
const ownerFlags = (R: string, id: string, sign: number, s: string) => `  ${INTO_OWNERS}
  SELECT s.chatbot_id, s.segment, a.label, a.created_at / ${H}, ${KIND(R)}, ${OWNER(R)}, ${sign} * count(*)
  FROM (${s}) AS s, annotations AS a WHERE a.conversation_id = ${id} AND a.kind = 'flag' AND ${OWNER(R)} IS NOT NULL AND ${alive("s.chatbot_id")}
  GROUP BY 1, 2, 3, 4, 5, 6
  ${UPSERT_OWNERS};`;

/** The custom part (after drizzle-kit's generated tables) of migration 0020, 0021 or 0023. */
export function segmentTriggersSql(migration: "0020" | "0021" | "0023"): string {
combinations = migration === "0023";
const out: string[] = [];
const stmt = (s: string) => out.push(s.trim());
// A conversation's registered combinations: part of its segments, and on its own the source of a new one's back-fill.
const combined = `SELECT c.id AS conversation_id, c.chatbot_id, k.segment FROM conversations AS c JOIN segment_combinations AS k ON k.chatbot_id = c.chatbot_id
  WHERE ${matches("k", "c", planOf("c.client_organization_id", "c.client_user_id"))}`;
const view = `CREATE VIEW conversation_segments AS
SELECT id AS conversation_id, chatbot_id, 'country:' || country AS segment FROM conversations WHERE country IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'language:' || language FROM conversations WHERE language IS NOT NULL
UNION ALL SELECT id, chatbot_id, 'label:' || ${LABEL("sentiment_avg")} FROM conversations WHERE sentiment_avg IS NOT NULL
UNION ALL SELECT c.id, c.chatbot_id, 'plan:' || lower(coalesce(o.plan, u.plan)) FROM conversations AS c
  LEFT JOIN client_organizations AS o ON o.id = c.client_organization_id LEFT JOIN client_users AS u ON u.id = c.client_user_id
  WHERE coalesce(o.plan, u.plan) IS NOT NULL${combinations ? `
UNION ALL ${combined}` : ""};`;
stmt(`-- Custom part (not generated): the view naming each conversation's segments, the back-fill, and the triggers that
-- keep the three tables exact (worker/analytics/rollups.ts), written with scripts of the migration's own kind:
-- every change is an upsert of signed counts, so taking a contribution out and putting it in are one statement.
-- A conversation's segments: its country, main language and sentiment label (the thresholds of
-- worker/analysis/labels.ts SENTIMENT_THRESHOLDS), and its plan: the organization's, else the user's, lower case
-- (the filters compare plans ignoring case).
${view}`);
stmt(`${INTO_FACTS}
SELECT s.chatbot_id, s.segment, d.dimension, c.created_at / ${H}, ${dimValue("c")}, count(*), sum(c.message_count)
FROM conversation_segments AS s JOIN conversations AS c ON c.id = s.conversation_id, ${DIMS}
WHERE ${dimWhere("c")} GROUP BY 1, 2, 3, 4, 5;`);
stmt(`${INTO_ANNS}
SELECT s.chatbot_id, s.segment, a.kind, a.created_at / ${H}, a.label, count(*), count(a.score), coalesce(sum(a.score), 0)
FROM conversation_segments AS s JOIN annotations AS a ON a.conversation_id = s.conversation_id
WHERE ${COUNTED("a.")} GROUP BY 1, 2, 3, 4, 5;`);
stmt(`${INTO_LABELS}
SELECT s.chatbot_id, s.segment, l.kind, l.first_at / ${H}, l.label, count(*)
FROM conversation_segments AS s JOIN rollup_conversation_labels AS l ON l.conversation_id = s.conversation_id
WHERE ${COUNTED_LABEL("l.")} GROUP BY 1, 2, 3, 4, 5;`);

// Annotations: each counted one into its conversation's segments, found through the view by the conversation's key.
stmt(`CREATE TRIGGER rollup_segments_annotations_insert AFTER INSERT ON annotations WHEN ${COUNTED("NEW.")} BEGIN
  ${INTO_ANNS}
  SELECT chatbot_id, segment, NEW.kind, NEW.created_at / ${H}, NEW.label, 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND ${alive("chatbot_id")}
  ${UPSERT_ANNS};
END;`);
stmt(`CREATE TRIGGER rollup_segments_annotations_delete AFTER DELETE ON annotations WHEN ${COUNTED("OLD.")} BEGIN
  ${INTO_ANNS}
  SELECT chatbot_id, segment, OLD.kind, OLD.created_at / ${H}, OLD.label, -1, -(OLD.score IS NOT NULL), -coalesce(OLD.score, 0)
  FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND ${alive("chatbot_id")}
  ${UPSERT_ANNS};
END;`);
stmt(`CREATE TRIGGER rollup_segments_annotations_update AFTER UPDATE ON annotations
WHEN OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.status IS NOT NEW.status
  OR OLD.created_at IS NOT NEW.created_at OR OLD.score IS NOT NEW.score BEGIN
  ${INTO_ANNS}
  SELECT chatbot_id, segment, OLD.kind, OLD.created_at / ${H}, OLD.label, -1, -(OLD.score IS NOT NULL), -coalesce(OLD.score, 0)
  FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND ${alive("chatbot_id")} AND ${COUNTED("OLD.")}
  ${UPSERT_ANNS};
  ${INTO_ANNS}
  SELECT chatbot_id, segment, NEW.kind, NEW.created_at / ${H}, NEW.label, 1, NEW.score IS NOT NULL, coalesce(NEW.score, 0)
  FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND ${alive("chatbot_id")} AND ${COUNTED("NEW.")}
  ${UPSERT_ANNS};
END;`);
// Labels: a conversation's first time with a label, as rollup_conversation_labels holds it (its triggers, 0016).
stmt(`CREATE TRIGGER rollup_segments_labels_insert AFTER INSERT ON rollup_conversation_labels WHEN ${COUNTED_LABEL("NEW.")} BEGIN
  ${INTO_LABELS}
  SELECT chatbot_id, segment, NEW.kind, NEW.first_at / ${H}, NEW.label, 1 FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND ${alive("chatbot_id")}
  ${UPSERT_LABELS};
END;`);
stmt(`CREATE TRIGGER rollup_segments_labels_update AFTER UPDATE ON rollup_conversation_labels
WHEN OLD.first_at / ${H} IS NOT NEW.first_at / ${H} OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.conversation_id IS NOT NEW.conversation_id BEGIN
  ${INTO_LABELS}
  SELECT chatbot_id, segment, OLD.kind, OLD.first_at / ${H}, OLD.label, -1 FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND ${alive("chatbot_id")} AND ${COUNTED_LABEL("OLD.")}
  ${UPSERT_LABELS};
  ${INTO_LABELS}
  SELECT chatbot_id, segment, NEW.kind, NEW.first_at / ${H}, NEW.label, 1 FROM conversation_segments WHERE conversation_id = NEW.conversation_id AND ${alive("chatbot_id")} AND ${COUNTED_LABEL("NEW.")}
  ${UPSERT_LABELS};
END;`);
stmt(`CREATE TRIGGER rollup_segments_labels_delete AFTER DELETE ON rollup_conversation_labels WHEN ${COUNTED_LABEL("OLD.")} BEGIN
  ${INTO_LABELS}
  SELECT chatbot_id, segment, OLD.kind, OLD.first_at / ${H}, OLD.label, -1 FROM conversation_segments WHERE conversation_id = OLD.conversation_id AND ${alive("chatbot_id")}
  ${UPSERT_LABELS};
END;`);
// Conversations: their own figures in and out; when their segments change, everything of theirs moves.
const conversationTriggers = [
  `CREATE TRIGGER rollup_segments_conversations_insert AFTER INSERT ON conversations BEGIN
${facts("NEW", 1, segs("NEW"))}
END;`,
];
// What keys a conversation's figures: when none of it changes (most index flushes: a message more, a slightly
// different average), only its messages move, in place.
const keysChanged = `OLD.created_at / ${H} IS NOT NEW.created_at / ${H} OR OLD.resolution IS NOT NEW.resolution
  OR (${BAND("OLD.sentiment_avg")}) IS NOT (${BAND("NEW.sentiment_avg")})
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE ${LABEL("OLD.sentiment_avg")} END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE ${LABEL("NEW.sentiment_avg")} END)
  OR OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id`;
conversationTriggers.push(`-- An update that changes what keys the conversation's figures takes the old row's figures out of its old
-- segments and puts the new row's into its new ones.
CREATE TRIGGER rollup_segments_conversations_update AFTER UPDATE ON conversations
WHEN ${keysChanged} BEGIN
${facts("OLD", -1, segs("OLD"))}
${facts("NEW", 1, segs("NEW"))}
END;`);
conversationTriggers.push(`CREATE TRIGGER rollup_segments_conversations_messages AFTER UPDATE ON conversations
WHEN OLD.message_count IS NOT NEW.message_count AND NOT (${keysChanged}) BEGIN
  UPDATE rollup_segment_conversation_hours SET messages = messages + (NEW.message_count - OLD.message_count)
  WHERE chatbot_id = NEW.chatbot_id AND hour = NEW.created_at / ${H}
    AND (segment, dimension, value) IN (SELECT s.segment, d.dimension, ${dimValue("NEW")} FROM (${segs("NEW")}) AS s, ${DIMS} WHERE ${dimWhere("NEW")});
END;`);
for (const t of conversationTriggers) stmt(t);
/** The triggers 0021 replaces (adding the owners' flags to what they move): as 0020 wrote them, or as 0021 does. */
function movingTriggers(withOwners: boolean) {
  const owners = (text: string) => (withOwners ? `\n${text}` : "");
  return [
    `-- Only when the conversation may change segment (most flushes do not): its annotations and labels move between
-- the segments it left and joined${withOwners ? "; its flags, under its owner, out of every old segment and into every new one" : ""}.
CREATE TRIGGER rollup_segments_conversations_move AFTER UPDATE ON conversations
WHEN OLD.language IS NOT NEW.language OR OLD.country IS NOT NEW.country
  OR (CASE WHEN OLD.sentiment_avg IS NULL THEN NULL ELSE ${LABEL("OLD.sentiment_avg")} END) IS NOT (CASE WHEN NEW.sentiment_avg IS NULL THEN NULL ELSE ${LABEL("NEW.sentiment_avg")} END)
  OR OLD.client_organization_id IS NOT NEW.client_organization_id OR OLD.client_user_id IS NOT NEW.client_user_id OR OLD.chatbot_id IS NOT NEW.chatbot_id BEGIN
${anns("NEW.id", -1, only(segs("OLD"), segs("NEW")))}
${anns("NEW.id", 1, only(segs("NEW"), segs("OLD")))}
${labels("NEW.id", -1, only(segs("OLD"), segs("NEW")))}
${labels("NEW.id", 1, only(segs("NEW"), segs("OLD")))}${owners(ownerFlags("OLD", "NEW.id", -1, segs("OLD")))}${owners(ownerFlags("NEW", "NEW.id", 1, segs("NEW")))}
END;`,
    `-- Before the row goes: its annotations (deleted with it by the foreign key) still exist, and their own triggers,
-- running after, no longer find the conversation's segments.
CREATE TRIGGER rollup_segments_conversations_delete BEFORE DELETE ON conversations BEGIN
${facts("OLD", -1, segs("OLD"))}
${anns("OLD.id", -1, segs("OLD"))}
${labels("OLD.id", -1, segs("OLD"))}${owners(ownerFlags("OLD", "OLD.id", -1, segs("OLD")))}
END;`,
    `CREATE TRIGGER rollup_segments_organization_plan AFTER UPDATE ON client_organizations WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
${move(orgPick("NEW"), "lower(coalesce(OLD.plan, u.plan))", "lower(coalesce(NEW.plan, u.plan))", withOwners)}
END;`,
    `CREATE TRIGGER rollup_segments_organization_delete BEFORE DELETE ON client_organizations WHEN OLD.plan IS NOT NULL BEGIN
${move(orgPick("OLD"), "lower(coalesce(OLD.plan, u.plan))", "lower(u.plan)", withOwners)}
END;`,
    `CREATE TRIGGER rollup_segments_user_plan AFTER UPDATE ON client_users WHEN lower(OLD.plan) IS NOT lower(NEW.plan) BEGIN
${move(userPick("NEW"), "lower(OLD.plan)", "lower(NEW.plan)", withOwners)}
END;`,
    `CREATE TRIGGER rollup_segments_user_delete BEFORE DELETE ON client_users WHEN OLD.plan IS NOT NULL BEGIN
${move(userPick("OLD"), "lower(OLD.plan)", "NULL", withOwners)}
END;`,
  ];
}
// Owners: a plan changing moves the owner's conversations between plan segments; a deleted owner's conversations
// lose its plan before the foreign key clears their owner (so the conversation update above finds no change).
const orgPick = (R: string) => `c.client_organization_id = ${R}.id`;
const userPick = (R: string) => `c.client_user_id = ${R}.id AND o.plan IS NULL`;

if (migration === "0021") {
  out.length = 0;
  stmt(`-- Custom part (not generated): flags per segment and owner (MRR at risk of a report widget with one filter,
-- worker/analytics/mrr-at-risk.ts): the back-fill, a flag's own triggers, and 0020's triggers that move a
-- conversation's figures, replaced by the same with its flags under its owner moving too. Written by the same
-- kind of script as 0020's: every change an upsert of signed counts.
${INTO_OWNERS}
SELECT s.chatbot_id, s.segment, a.label, a.created_at / ${H}, ${KIND("c")}, ${OWNER("c")}, count(*)
FROM conversation_segments AS s JOIN conversations AS c ON c.id = s.conversation_id JOIN annotations AS a ON a.conversation_id = c.id
WHERE a.kind = 'flag' AND ${OWNER("c")} IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;`);
  const flagOf = (R: string, sign: number) => `  ${INTO_OWNERS}
  SELECT s.chatbot_id, s.segment, ${R}.label, ${R}.created_at / ${H}, ${KIND("c")}, ${OWNER("c")}, ${sign}
  FROM conversation_segments AS s JOIN conversations AS c ON c.id = s.conversation_id
  WHERE s.conversation_id = ${R}.conversation_id AND ${R}.kind = 'flag' AND ${OWNER("c")} IS NOT NULL AND ${alive("s.chatbot_id")}
  ${UPSERT_OWNERS};`;
  stmt(`CREATE TRIGGER rollup_segments_owner_flags_insert AFTER INSERT ON annotations WHEN NEW.kind = 'flag' BEGIN
${flagOf("NEW", 1)}
END;`);
  stmt(`CREATE TRIGGER rollup_segments_owner_flags_delete AFTER DELETE ON annotations WHEN OLD.kind = 'flag' BEGIN
${flagOf("OLD", -1)}
END;`);
  stmt(`CREATE TRIGGER rollup_segments_owner_flags_update AFTER UPDATE ON annotations
WHEN (OLD.kind = 'flag' OR NEW.kind = 'flag') AND (OLD.conversation_id IS NOT NEW.conversation_id OR OLD.kind IS NOT NEW.kind OR OLD.label IS NOT NEW.label OR OLD.created_at / ${H} IS NOT NEW.created_at / ${H}) BEGIN
${flagOf("OLD", -1)}
${flagOf("NEW", 1)}
END;`);
  for (const t of movingTriggers(true)) {
    stmt(`DROP TRIGGER ${/CREATE TRIGGER (\S+)/.exec(t)![1]};`);
    stmt(t);
  }
} else if (migration === "0023") {
  out.length = 0;
  stmt(`-- Custom part (not generated): the registered filter combinations become segments — the view naming a
-- conversation's segments, and every trigger that names them from a conversation row (its own figures, and a
-- move when it or its owner's plan changes), replaced by the same with the combinations it matches. The
-- annotation and label triggers read the view. A combination is back-filled when registered
-- (worker/analytics/segment-combinations.ts, from the view conversation_combinations: those alone), so
-- nothing here writes rollups.
DROP VIEW conversation_segments;`);
  stmt(view);
  stmt(`CREATE VIEW conversation_combinations AS\n${combined};`);
  for (const t of [...conversationTriggers, ...movingTriggers(true)]) {
    stmt(`DROP TRIGGER ${/CREATE TRIGGER (\S+)/.exec(t)![1]};`);
    stmt(t);
  }
} else {
  for (const t of movingTriggers(false)) stmt(t);
}
return out.join("\n--> statement-breakpoint\n") + "\n";
}

// `npx tsx scripts/segment-rollup-triggers.ts 0021` prints that migration's part (0020, 0021 or 0023).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const migration = process.argv[2] ?? "0020";
  if (migration !== "0020" && migration !== "0021" && migration !== "0023") throw new Error(`no such migration: ${migration}`);
  process.stdout.write(segmentTriggersSql(migration));
}
