/**
 * Writes the hand-written part of migration 0022_day_rollups: the back-fill and the triggers that keep each
 * daily rollup equal to the sum of its hourly table's rows for that UTC day (worker/analytics/rollups.ts).
 * Each hourly row written passes its change on — an insert adds the row, an update adds the difference, a
 * delete takes the row out — so whatever keeps the hours exact keeps the days exact, in the same statement.
 * The SQL is committed in the migration, never edited after it is applied; test/generated/ checks the two
 * still agree. Run: `npx tsx scripts/day-rollup-triggers.ts`.
 */
import { pathToFileURL } from "node:url";

interface HourlyRollup {
  /** The hourly table; its daily copy is named with `_days` for `_hours`. */
  table: string;
  /** The primary key, in order, `hour` where the daily copy has `day`. */
  key: string[];
  /** The counted columns. */
  values: string[];
}

export const DAILY_ROLLUPS: HourlyRollup[] = [
  { table: "rollup_conversation_hours", key: ["chatbot_id", "dimension", "hour", "value"], values: ["conversations", "messages"] },
  { table: "rollup_annotation_hours", key: ["chatbot_id", "kind", "hour", "label", "severity"], values: ["annotations", "scored", "score_sum"] },
  { table: "rollup_label_first_hours", key: ["chatbot_id", "kind", "hour", "label"], values: ["conversations"] },
  { table: "rollup_segment_conversation_hours", key: ["chatbot_id", "segment", "hour", "dimension", "value"], values: ["conversations", "messages"] },
  { table: "rollup_segment_annotation_hours", key: ["chatbot_id", "segment", "kind", "hour", "label"], values: ["annotations", "scored", "score_sum"] },
  { table: "rollup_segment_label_first_hours", key: ["chatbot_id", "segment", "kind", "hour", "label"], values: ["conversations"] },
];

const daysOf = (table: string) => table.replace(/_hours$/, "_days");

function triggersFor({ table, key, values }: HourlyRollup): string {
  const days = daysOf(table);
  const dayKey = key.map((k) => (k === "hour" ? "day" : k));
  const into = `INSERT INTO ${days} (${[...dayKey, ...values].join(", ")})`;
  const upsert = `ON CONFLICT (${dayKey.join(", ")}) DO UPDATE SET ${values.map((v) => `${v} = ${v} + excluded.${v}`).join(", ")}`;
  const keyOf = (R: string) => key.map((k) => (k === "hour" ? `${R}.hour / 24` : `${R}.${k}`)).join(", ");
  const valuesOf = (R: string, sign = "") => values.map((v) => `${sign}${R}.${v}`).join(", ");
  // Rows of a deleted chatbot cascade away with it: their triggers write nothing (the daily rows go too).
  const alive = (R: string) => `EXISTS (SELECT 1 FROM chatbots WHERE id = ${R}.chatbot_id)`;
  const sameDay = key.map((k) => (k === "hour" ? "OLD.hour / 24 = NEW.hour / 24" : `OLD.${k} = NEW.${k}`)).join(" AND ");
  const add = (R: string, sign = "") => `  ${into} VALUES (${keyOf(R)}, ${valuesOf(R, sign)})
  ${upsert};`;
  // Upserts change only the counts: an update adds its difference to its day. A key changed (no writer does)
  // takes the old row out of its day and puts the new one in.
  return `CREATE TRIGGER \`${table}_into_days\` AFTER INSERT ON \`${table}\` WHEN ${alive("NEW")} BEGIN
${add("NEW")}
END;
--> statement-breakpoint
CREATE TRIGGER \`${table}_update_days\` AFTER UPDATE ON \`${table}\` WHEN ${sameDay} AND ${alive("NEW")} BEGIN
  ${into} VALUES (${keyOf("NEW")}, ${values.map((v) => `NEW.${v} - OLD.${v}`).join(", ")})
  ${upsert};
END;
--> statement-breakpoint
CREATE TRIGGER \`${table}_rekey_days\` AFTER UPDATE ON \`${table}\` WHEN NOT (${sameDay}) AND ${alive("NEW")} BEGIN
${add("OLD", "-")}
${add("NEW")}
END;
--> statement-breakpoint
CREATE TRIGGER \`${table}_out_of_days\` AFTER DELETE ON \`${table}\` WHEN ${alive("OLD")} BEGIN
${add("OLD", "-")}
END;`;
}

const backFill = ({ table, key, values }: HourlyRollup) => {
  const columns = key.map((k) => (k === "hour" ? "hour / 24" : k));
  return `INSERT INTO ${daysOf(table)} (${key.map((k) => (k === "hour" ? "day" : k)).join(", ")}, ${values.join(", ")})
SELECT ${columns.join(", ")}, ${values.map((v) => `sum(${v})`).join(", ")} FROM ${table} GROUP BY ${columns.join(", ")};`;
};

/** The migration's part after the generated tables. */
export function dayRollupsSql(): string {
  return `-- Custom part (not generated; scripts/day-rollup-triggers.ts writes it): each daily table back-filled from its
-- hourly one, then kept equal to it by three triggers on the hourly table.
${DAILY_ROLLUPS.map(backFill).join("\n--> statement-breakpoint\n")}
--> statement-breakpoint
${DAILY_ROLLUPS.map(triggersFor).join("\n--> statement-breakpoint\n")}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.stdout.write(dayRollupsSql());
