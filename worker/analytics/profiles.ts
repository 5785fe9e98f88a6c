/**
 * Profiles: one client user or organization (your customer or their account, named by your external id)
 * with what the dashboard knows of them — plan, MRR, their conversations' activity (all time, from the
 * per-owner rollups), sentiment over the range (the sentiment endpoint's series and bands narrowed to their
 * conversations), the flags their conversations raised (all time), their latest conversations and the
 * team's notes on those conversations. A user's conversations are the ones they took part in; an
 * organization's the ones stated under it (as the conversations table's `user` and `organization` filters).
 */
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { annotations, clientOrganizations, clientUsers, conversationNotes, conversations, rollupClientOrganizations, rollupClientUsers } from "../db/schema";
import { ApiError } from "../errors";
import { conversationCountQuery, conversationRowsQuery, conversationRowView } from "./conversations-table";
import { roundOrNull } from "./params";
import { sentimentOverTime, sentimentQuery } from "./sentiment";
import type { Scope } from "./scope";

export const profileQuery = sentimentQuery;
export type ProfileQuery = z.infer<typeof profileQuery>;

/** Your id for the user or organization, as you sent it (the conversations table's `user` / `organization`). */
export const profileParam = z.string().min(1).max(128);

const LATEST_CONVERSATIONS = 20;
const LATEST_NOTES = 50;
const ORGANIZATION_USERS = 100;

const c = conversations;
const n = conversationNotes;

type Owner = { kind: "user"; id: string; externalId: string } | { kind: "organization"; id: string; externalId: string };

const ownerCondition = (owner: Owner): SQL => (owner.kind === "user" ? eq(c.clientUserId, owner.id) : eq(c.clientOrganizationId, owner.id));

function ownerScope(db: Db, chatbotId: string, owner: Owner): Scope {
  const mine = and(eq(c.chatbotId, chatbotId), ownerCondition(owner));
  return { conversations: mine, annotations: inArray(annotations.conversationId, db.select({ id: c.id }).from(c).where(mine)) };
}

/** Everything the two profiles share, from their conversations. */
async function ownerFacts(db: Db, chatbotId: string, owner: Owner, q: ProfileQuery, now: number) {
  const mine = and(eq(c.chatbotId, chatbotId), ownerCondition(owner));
  const filter = { ...(owner.kind === "user" ? { user: owner.externalId } : { organization: owner.externalId }), sort: "lastMessageAt" as const, order: "desc" as const };
  const rollup =
    owner.kind === "user"
      ? db
          .select({ conversations: rollupClientUsers.conversations, scored: rollupClientUsers.scored, sum: rollupClientUsers.sentimentSum, last: rollupClientUsers.lastActivity })
          .from(rollupClientUsers)
          .where(and(eq(rollupClientUsers.chatbotId, chatbotId), eq(rollupClientUsers.clientUserId, owner.id)))
      : db
          .select({ conversations: rollupClientOrganizations.conversations, scored: rollupClientOrganizations.scored, sum: rollupClientOrganizations.sentimentSum, last: rollupClientOrganizations.lastActivity })
          .from(rollupClientOrganizations)
          .where(and(eq(rollupClientOrganizations.chatbotId, chatbotId), eq(rollupClientOrganizations.clientOrganizationId, owner.id)));
  const flag = sql<string>`j.value`;
  const [activity, rows, total, flags, notes] = await db.batch([
    rollup,
    conversationRowsQuery(db, chatbotId, filter, LATEST_CONVERSATIONS, 0),
    conversationCountQuery(db, chatbotId, filter),
    db
      .select({ flag: flag.as("flag"), conversations: sql<number>`count(*)`.mapWith(Number).as("conversations") })
      .from(sql`${c}, json_each(${c.flags}) j`)
      .where(mine)
      .groupBy(flag)
      .orderBy(desc(sql`count(*)`), flag),
    db
      .select({ id: n.id, conversationId: n.conversationId, conversationExternalId: sql<string>`${c.externalId}`.as("conversation_external_id"), authorName: n.authorName, body: n.body, createdAt: n.createdAt })
      .from(n)
      .innerJoin(c, and(eq(c.id, n.conversationId), eq(c.chatbotId, chatbotId)))
      .where(and(eq(n.chatbotId, chatbotId), ownerCondition(owner)))
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(LATEST_NOTES),
  ]);
  const a = activity[0];
  const sentiment = await sentimentOverTime(db, chatbotId, q, now, ownerScope(db, chatbotId, owner));
  return {
    activity: {
      conversations: a && a.conversations > 0 ? a.conversations : 0,
      averageSentiment: a && a.scored > 0 ? roundOrNull(a.sum / a.scored) : null,
      lastActivityAt: a && a.conversations > 0 ? a.last : null,
    },
    sentiment,
    flags,
    conversations: { total: total[0]?.total ?? 0, latest: rows.map(conversationRowView) },
    notes,
  };
}

const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

export async function userProfile(db: Db, chatbotId: string, externalId: string, q: ProfileQuery, now: number) {
  const u = clientUsers;
  const o = clientOrganizations;
  const [user] = await db
    .select({
      id: u.id,
      externalId: u.externalId,
      name: u.name,
      email: u.email,
      plan: u.plan,
      industry: u.industry,
      mrr: u.mrr,
      signedUpAt: u.signedUpAt,
      firstSeenAt: u.createdAt,
      organizationExternalId: sql<string | null>`${o.externalId}`.as("organization_external_id"),
      organizationName: sql<string | null>`${o.name}`.as("organization_name"),
    })
    .from(u)
    .leftJoin(o, and(eq(o.id, u.clientOrganizationId), eq(o.chatbotId, chatbotId)))
    .where(and(eq(u.chatbotId, chatbotId), eq(u.externalId, externalId)));
  if (!user) throw notFound("user");
  const { id, organizationExternalId, organizationName, ...fields } = user;
  return {
    user: { ...fields, organization: organizationExternalId === null ? null : { externalId: organizationExternalId, name: organizationName } },
    ...(await ownerFacts(db, chatbotId, { kind: "user", id, externalId }, q, now)),
  };
}

export async function organizationProfile(db: Db, chatbotId: string, externalId: string, q: ProfileQuery, now: number) {
  const o = clientOrganizations;
  const u = clientUsers;
  const [organization] = await db
    .select({ id: o.id, externalId: o.externalId, name: o.name, plan: o.plan, industry: o.industry, mrr: o.mrr, firstSeenAt: o.createdAt })
    .from(o)
    .where(and(eq(o.chatbotId, chatbotId), eq(o.externalId, externalId)));
  if (!organization) throw notFound("organization");
  const { id, ...fields } = organization;
  const users = await db
    .select({ externalId: u.externalId, name: u.name, email: u.email, plan: u.plan, mrr: u.mrr })
    .from(u)
    .where(and(eq(u.chatbotId, chatbotId), eq(u.clientOrganizationId, id)))
    .orderBy(sql`${u.name} IS NULL`, u.name, u.externalId)
    .limit(ORGANIZATION_USERS);
  return {
    organization: fields,
    users,
    ...(await ownerFacts(db, chatbotId, { kind: "organization", id, externalId }, q, now)),
  };
}
