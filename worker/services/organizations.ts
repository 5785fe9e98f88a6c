/**
 * Organizations, their members and invitations (SPEC §1). Roles: owner (everything, incl. deleting the
 * organization), admin (chatbots, keys, workflows, members), member (read-only).
 */
import { and, asc, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { chatbots, conversations, invitations, members, memberships, organizations } from "../db/schema";
import { ApiError, notFound, fieldError, fieldsError } from "../errors";
import { email, password } from "./accounts";
import { purgeChatbot } from "./chatbots";
import { sha256Hex } from "./crypto";
import { newId, randomBase62 } from "./ids";
import { countWithin, THROTTLES } from "./throttles";
import type { Role } from "./sessions";
import { nameText } from "../schemas/names";
import { unassignLeavingMember } from "../triage/actions";
import { refusedWith } from "../db/errors";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export const atLeast = (role: Role, needed: Role) => RANK[role] >= RANK[needed];

export const organizationBody = z.object({ name: nameText(120) }).strict();
export const invitationBody = z.object({ email, role: z.enum(["owner", "admin", "member"]).default("member") }).strict();

export async function listOrganizations(db: Db, memberId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role, createdAt: organizations.createdAt })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.memberId, memberId))
    .orderBy(asc(organizations.createdAt));
}

/** At most THROTTLES.organizationsPerMember a day per member (429 beyond): each is a tenant of its own. */
export async function createOrganization(db: Db, memberId: string, name: string) {
  await countWithin(db, `organizations:${memberId}`, THROTTLES.organizationsPerMember, "organizations created by you");
  const id = newId("org");
  const now = Date.now();
  await db.batch([
    db.insert(organizations).values({ id, name, createdAt: now }),
    db.insert(memberships).values({ organizationId: id, memberId, role: "owner", createdAt: now }),
  ]);
  return { id, name, role: "owner" as const, createdAt: now };
}

/** PATCH, like every PATCH here: `{}` changes nothing and answers the organization as it is. */
export const organizationPatch = organizationBody.partial();

/** Answers the organization as GET and POST do: with the caller's `role` in it. */
export async function renameOrganization(db: Db, organizationId: string, name: string | undefined, role: Role) {
  const scoped = eq(organizations.id, organizationId);
  const row = name === undefined ? await db.select().from(organizations).where(scoped).get() : (await db.update(organizations).set({ name }).where(scoped).returning())[0];
  if (!row) throw notFound("organization");
  return { id: row.id, name: row.name, role, createdAt: row.createdAt };
}

/**
 * Deletes the organization; D1 cascades to members' memberships, chatbots, keys and everything below. What
 * D1 does not hold — each chatbot's conversation objects, their open sockets and vectors — is emptied by the
 * returned purge, as a chatbot's own delete does (for waitUntil: it must not hold the answer).
 */
export async function deleteOrganization(env: Env, db: Db, organizationId: string): Promise<() => Promise<void>> {
  const rows = await db
    .select({ chatbotId: chatbots.id, conversationId: conversations.id })
    .from(chatbots)
    .leftJoin(conversations, eq(conversations.chatbotId, chatbots.id))
    .where(eq(chatbots.organizationId, organizationId));
  await db.delete(organizations).where(eq(organizations.id, organizationId));
  const byChatbot = new Map<string, string[]>();
  for (const r of rows) {
    const ids = byChatbot.get(r.chatbotId) ?? [];
    if (r.conversationId) ids.push(r.conversationId);
    byChatbot.set(r.chatbotId, ids);
  }
  return async () => {
    for (const [chatbotId, ids] of byChatbot) await purgeChatbot(env, chatbotId, ids);
  };
}

export async function listMembers(db: Db, organizationId: string) {
  return db
    .select({ id: members.id, email: members.email, name: members.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(members, eq(members.id, memberships.memberId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt));
}

async function roleOf(db: Db, organizationId: string, memberId: string): Promise<Role> {
  const target = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.memberId, memberId)))
    .get();
  if (!target) throw notFound("member");
  return target.role;
}

/** What the triggers of migration 0028 say when a write would leave an organization without an owner. */
const LAST_OWNER = "an organization needs at least one owner";

/**
 * Runs a write that takes an owner's role or membership away. An organization always keeps an owner: the triggers of
 * migration 0028 refuse the write that would take its last one — inside the statement, so two owners demoting or
 * removing each other at the same moment cannot both pass — and that refusal answers 409.
 */
async function keepingAnOwner(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (refusedWith(error, LAST_OWNER)) throw new ApiError("conflict", `${LAST_OWNER}; make someone else owner first`);
    throw error;
  }
}

/**
 * Removes a member, or lets one leave. Removing someone else needs the admin role, and only an owner removes an
 * owner; anyone may leave; an organization always keeps an owner.
 */
export async function removeMember(db: Db, organizationId: string, actor: { memberId: string; role: Role }, memberId: string): Promise<void> {
  const leaving = actor.memberId === memberId;
  if (!leaving && actor.role === "member") throw new ApiError("forbidden", "this needs the admin role; you are a member (a member may only leave)");
  const target = await roleOf(db, organizationId, memberId);
  if (target === "owner" && actor.role !== "owner") throw new ApiError("forbidden", "only an owner can remove an owner");
  // Their conversations go back to unassigned, in the same batch: nobody stays assigned what they can no longer see
  // (and a removal refused for leaving no owner unassigns nothing).
  const unassign = await unassignLeavingMember(db, organizationId, memberId, actor.memberId);
  await keepingAnOwner(() => db.batch([db.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.memberId, memberId))), ...unassign]));
}

/** A PATCH of a membership: `{}` changes nothing and answers the member as they are (README "Conventions"). */
export const memberRoleBody = z.object({ role: z.enum(["owner", "admin", "member"]).optional() }).strict();

/**
 * Changes a member's role. Admins switch members and admins; only an owner makes or unmakes an owner; the last
 * owner stays one.
 */
export async function changeMemberRole(db: Db, organizationId: string, actor: { role: Role }, memberId: string, asked: Role | undefined) {
  const current = await roleOf(db, organizationId, memberId);
  const role = asked ?? current;
  if (role !== current) {
    if ((current === "owner" || role === "owner") && actor.role !== "owner") throw new ApiError("forbidden", "only an owner can make or unmake an owner");
    await keepingAnOwner(() => db.update(memberships).set({ role }).where(and(eq(memberships.organizationId, organizationId), eq(memberships.memberId, memberId))));
  }
  return (await listMembers(db, organizationId)).find((m) => m.id === memberId)!;
}

/**
 * Creates an invitation and returns its two links' tokens, once: `token` for whoever invited, which accepts for the
 * invited address logged in, and `emailToken` for the email, which may also create the account (acceptInvitation).
 * Invitations send email to any address: at most THROTTLES.invitationsPerMember a day per member (429 beyond).
 */
export async function invite(db: Db, organizationId: string, actor: { memberId: string; role: Role }, input: z.infer<typeof invitationBody>) {
  if (input.role === "owner" && actor.role !== "owner") throw new ApiError("forbidden", "only an owner can invite an owner");
  // Accepting would change nothing for someone already here: their role is changed instead (changeMemberRole).
  const already = (await listMembers(db, organizationId)).find((m) => m.email.toLowerCase() === input.email.toLowerCase());
  if (already) throw new ApiError("conflict", `${input.email} is already a member (${already.role}); change their role instead (in the members list, or PATCH /api/v1/organizations/${organizationId}/members/${already.id})`);
  // Inviting an address again replaces its pending invitation (a new link, the role asked now): the list keeps one
  // row per address and the earlier link stops working. Only an owner replaces an owner's invitation of an owner.
  const pending = and(eq(invitations.organizationId, organizationId), sql`lower(${invitations.email}) = ${input.email.toLowerCase()}`, isNull(invitations.acceptedAt));
  const earlier = await db.select({ role: invitations.role }).from(invitations).where(pending);
  if (actor.role !== "owner" && earlier.some((i) => i.role === "owner")) throw new ApiError("forbidden", "only an owner can replace an invitation to become an owner");
  await countWithin(db, `invitations:${actor.memberId}`, THROTTLES.invitationsPerMember, "invitations sent by you");
  // Two links: the one answered here, which whoever invited may pass on, and the one emailed to the address.
  const token = randomBase62(32);
  const emailToken = randomBase62(32);
  const row = {
    id: newId("inv"),
    organizationId,
    email: input.email,
    role: input.role,
    tokenHash: await sha256Hex(token),
    emailTokenHash: await sha256Hex(emailToken),
    invitedBy: actor.memberId,
    createdAt: Date.now(),
    expiresAt: Date.now() + INVITATION_TTL_MS,
  };
  await db.batch([db.delete(invitations).where(pending), db.insert(invitations).values(row)]);
  return { invitation: invitationView({ ...row, acceptedAt: null }), token, emailToken };
}

/** The organization's name, for the invitation email (read after answering, off the request's path). */
export async function organizationName(db: Db, organizationId: string): Promise<string> {
  const organization = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).get();
  return organization?.name ?? "an organization";
}

export async function listInvitations(db: Db, organizationId: string) {
  const rows = await db.select().from(invitations).where(and(eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt)));
  return rows.map(invitationView);
}

export async function revokeInvitation(db: Db, organizationId: string, id: string, actorRole: Role): Promise<void> {
  const pending = and(eq(invitations.id, id), eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt));
  // Only an owner can invite an owner, so only an owner can take such an invitation back.
  const ownerOnly = actorRole === "owner" ? undefined : ne(invitations.role, "owner");
  const deleted = await db.delete(invitations).where(and(pending, ownerOnly)).returning({ id: invitations.id });
  if (deleted.length) return;
  const [found] = await db.select({ role: invitations.role }).from(invitations).where(pending);
  if (!found) throw notFound("invitation");
  throw new ApiError("forbidden", "only an owner can revoke an invitation to become an owner");
}

export const acceptBody = z.object({
  token: z.string().min(10).max(200),
  /** For someone without an account yet: the account is created with these. */
  name: nameText(120).optional(),
  password: password.optional(),
}).strict();

/** The query of the page that accepts an invitation: its link's token. */
export const invitationLinkQuery = z.object({ token: acceptBody.shape.token });

/** The pending invitation either of its links names (`tokenHash` is the token's), or 400 naming `token`. */
async function openInvitation(db: Db, tokenHash: string) {
  const inv = await db
    .select()
    .from(invitations)
    .where(and(or(eq(invitations.tokenHash, tokenHash), eq(invitations.emailTokenHash, tokenHash)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, Date.now())))
    .get();
  if (!inv) throw fieldError("token", "invalid, used or expired invitation");
  return inv;
}

/**
 * What an invitation link invites to, for its page to say before anyone accepts: the organization, the role and the
 * invited address. Whoever holds a link may read this much (the inviter already knows it; the invited person is told).
 */
export async function describeInvitation(db: Db, token: string): Promise<{ organization: { name: string }; role: Role; email: string; expiresAt: number }> {
  const inv = await openInvitation(db, await sha256Hex(token));
  const organization = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, inv.organizationId)).get();
  // Deleting an organization deletes its invitations: this is only that delete landing between the two reads.
  if (!organization) throw fieldError("token", "invalid, used or expired invitation");
  return { organization, role: inv.role, email: inv.email, expiresAt: inv.expiresAt };
}

/**
 * Accepts an invitation: the logged-in member joins (their email must match), or, without a session,
 * a new account is made for the invited email. Returns the member and organization.
 */
export async function acceptInvitation(
  db: Db,
  input: z.infer<typeof acceptBody>,
  current: { memberId: string; email: string } | null,
  hashPassword: (p: string) => Promise<string>,
): Promise<{ memberId: string; organizationId: string }> {
  const tokenHash = await sha256Hex(input.token);
  const inv = await openInvitation(db, tokenHash);
  let memberId = current?.memberId;
  if (current && current.email !== inv.email) throw new ApiError("forbidden", `this invitation is for ${inv.email}; log in as that address`);
  const statements = [];
  if (!memberId) {
    // Only the emailed link proves the inbox: the link whoever invited was given would let them make an account in
    // someone else's name. Its answer is the same whether or not the address has an account, so it tells nobody.
    const emailed = inv.emailTokenHash === null || inv.emailTokenHash === tokenHash;
    if (!emailed) {
      throw new ApiError("unauthorized", `log in as ${inv.email} to accept; to create an account for it, open the link in the invitation email sent to that address`);
    }
    const existing = await db.select({ id: members.id }).from(members).where(eq(members.email, inv.email)).get();
    if (existing) throw new ApiError("unauthorized", `an account for ${inv.email} exists: log in, then accept`);
    if (!input.password || !input.name) {
      throw fieldsError((["name", "password"] as const).filter((field) => !input[field]), "required to create your account");
    }
    memberId = newId("mem");
    statements.push(db.insert(members).values({ id: memberId, email: inv.email, name: input.name, passwordHash: await hashPassword(input.password), createdAt: Date.now() }));
  }
  statements.push(
    db.insert(memberships).values({ organizationId: inv.organizationId, memberId, role: inv.role, createdAt: Date.now() }).onConflictDoNothing(),
    db.update(invitations).set({ acceptedAt: Date.now() }).where(eq(invitations.id, inv.id)),
  );
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return { memberId, organizationId: inv.organizationId };
}

function invitationView(i: typeof invitations.$inferSelect) {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt, acceptedAt: i.acceptedAt };
}
