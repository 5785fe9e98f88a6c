/**
 * Filters that name something of the chatbot's — a label (`labelId`), flags (`flags`, search's `flag`), a member
 * (`assignee`) — must name one it has (README "API": a guessed parameter must not answer as if filtered). Their
 * schemas can only check the form; an id of another chatbot, or a slug misspelt, would otherwise answer an empty
 * table as though nothing matched. Every route taking these parameters (the conversations table, its export,
 * search) checks them here, each with one read by primary key, and only when the parameter is given.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { labels, memberships } from "../db/schema";
import { fieldError, issuesError, type FieldIssue } from "../errors";
import { loadConfig, type AnalysisConfig } from "../analysis/config";
import { BEHAVIOURS, USER_FLAGS } from "../analysis/labels";
import { ASSIGNED_TO_ME, UNASSIGNED } from "../analytics/conversations-table";
import type { KeyScope } from "./keys";

/** The flags and behaviours a chatbot's analysis can raise: the built-in ones, then its own. */
export const knownSlugs = (config: Pick<AnalysisConfig, "customFlags" | "customBehaviours">) => ({
  flag: [...USER_FLAGS, ...config.customFlags.map((d) => d.slug)],
  behaviour: [...BEHAVIOURS, ...config.customBehaviours.map((d) => d.slug)],
});

/** A refusal of a flag or behaviour the chatbot does not have, listing the ones it has. */
export const noSuchSlug = (kind: "flag" | "behaviour", slug: string, known: readonly string[]) => `the chatbot has no ${kind} "${slug}" (its ${kind}s: ${known.join(", ")})`;

export interface FilterReferences {
  labelId?: string;
  /** The conversations table's: every one raised. */
  flags?: readonly string[];
  /** Search's: one the message raised. */
  flag?: string;
  /** A member id, `me` or `unassigned`. */
  assignee?: string;
}

/**
 * The filters checked, with `assignee=me` read as the member calling (a key is nobody: refused naming `assignee`).
 * `me` and `unassigned` cost no read; built-in flags neither (the chatbot's own are in its configuration).
 */
export async function checkedFilters<Q extends FilterReferences>(db: Db, auth: Pick<KeyScope, "organizationId" | "chatbotId" | "memberId">, q: Q): Promise<Q> {
  if (q.assignee === ASSIGNED_TO_ME && !auth.memberId) throw fieldError("assignee", "`me` needs a member session; give a member id");
  const checks: Promise<FieldIssue | null>[] = [];
  if (q.labelId !== undefined) checks.push(labelIssue(db, auth.chatbotId, q.labelId));
  for (const [field, slugs] of [["flags", q.flags ?? []], ["flag", q.flag === undefined ? [] : [q.flag]]] as const) {
    if (slugs.some((slug) => !(USER_FLAGS as readonly string[]).includes(slug))) checks.push(flagIssue(db, auth.chatbotId, field, slugs));
  }
  if (q.assignee !== undefined && q.assignee !== ASSIGNED_TO_ME && q.assignee !== UNASSIGNED) checks.push(memberIssue(db, auth.organizationId, q.assignee));
  const issues = (await Promise.all(checks)).filter((issue) => issue !== null);
  if (issues.length) throw issuesError(issues);
  return q.assignee === ASSIGNED_TO_ME ? { ...q, assignee: auth.memberId! } : q;
}

async function labelIssue(db: Db, chatbotId: string, labelId: string): Promise<FieldIssue | null> {
  const found = await db.select({ id: labels.id }).from(labels).where(and(eq(labels.id, labelId), eq(labels.chatbotId, chatbotId))).get();
  return found ? null : { field: "labelId", message: `the chatbot has no label "${labelId}" (GET /labels lists its labels and their ids)` };
}

async function flagIssue(db: Db, chatbotId: string, field: "flags" | "flag", slugs: readonly string[]): Promise<FieldIssue | null> {
  const known = knownSlugs(await loadConfig(db, chatbotId)).flag;
  const unknown = slugs.find((slug) => !known.includes(slug));
  return unknown === undefined ? null : { field, message: noSuchSlug("flag", unknown, known) };
}

/** A member of the chatbot's organization (another organization's member answers the same as nobody). */
async function memberIssue(db: Db, organizationId: string, memberId: string): Promise<FieldIssue | null> {
  const found = await db
    .select({ id: memberships.memberId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.memberId, memberId)))
    .get();
  return found ? null : { field: "assignee", message: `no member "${memberId}" in this organization; give a member's id, \`me\` or \`unassigned\`` };
}
