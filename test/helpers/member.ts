import { vi } from "vitest";
import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { members, memberships, sessions } from "../../worker/db/schema";
import { sha256Hex } from "../../worker/services/crypto";
import { newId, randomBase62 } from "../../worker/services/ids";
import { call } from "./http";

export interface Member {
  email: string;
  password: string;
  memberId: string;
  organizationId: string;
  cookie: string;
  csrf: string;
}

let counter = 0;

/** The session cookie a response set, as a Cookie header value. */
export function cookieFrom(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  const match = set.match(/ob_session=([^;]*)/);
  if (!match) throw new Error(`no session cookie in ${set || "(none)"}`);
  return `ob_session=${match[1]}`;
}

/**
 * Runs `send` and returns the first link in the email it causes to `to` (LOG_EMAILS=true: the email is a
 * `[email to …]` log line, written after the answer, so it is waited for). The test and the Worker share one isolate, so
 * console.info is swapped for a recorder while waiting, then put back as it was.
 */
export async function emailedLink(to: string, send: () => Promise<Response>): Promise<{ res: Response; link: URL }> {
  const original = console.info;
  const lines: string[] = [];
  console.info = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    const res = await send();
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    const mine = () => lines.find((l) => l.startsWith(`[email to ${to}]`));
    // vi.waitFor rather than expect.poll: helpers also run in beforeAll.
    await vi.waitFor(() => {
      if (!mine()) throw new Error(`no email to ${to} yet`);
    }, { timeout: 5_000 });
    const line = mine()!;
    return { res, link: new URL(line.slice(line.indexOf("http"))) };
  } finally {
    console.info = original;
  }
}

/** Signs a new member up (with a new organization), confirms the emailed link and returns their session. */
export async function signup(name = "Ada"): Promise<Member> {
  const email = `member${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse battery";
  // A distinct client address per sign-up keeps the per-address sign-up limit out of the way.
  const headers = { "cf-connecting-ip": `10.9.${counter % 250}.${Math.floor(Math.random() * 250)}` };
  const { link } = await emailedLink(email, () => call("/api/v1/auth/signup", { method: "POST", json: { email, password, name, organizationName: `${name}'s org` }, headers }));
  const res = await call("/api/v1/auth/signup/confirm", { method: "POST", json: { token: link.searchParams.get("token") }, headers });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { memberId: string; organizationId: string; csrfToken: string } };
  return { email, password, memberId: data.memberId, organizationId: data.organizationId, cookie: cookieFrom(res), csrf: data.csrfToken };
}

/** Calls the API as a logged-in member (cookie + CSRF token). */
export function as(member: Pick<Member, "cookie" | "csrf">, path: string, init: Parameters<typeof call>[1] = {}): Promise<Response> {
  return call(path, { ...init, headers: { cookie: member.cookie, "x-csrf-token": member.csrf, ...(init.headers as Record<string, string> | undefined) } });
}

/** Creates a chatbot in the member's organization and an ingest key for it. */
export async function chatbotOf(member: Member, name = "Support bot"): Promise<{ chatbotId: string; ingestKey: string }> {
  const res = await as(member, `/api/v1/organizations/${member.organizationId}/chatbots`, { method: "POST", json: { name } });
  if (res.status !== 201) throw new Error(`chatbot creation failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { id: string } };
  const key = await as(member, `/api/v1/chatbots/${data.id}/keys`, { method: "POST", json: { kind: "ingest", name: "server" } });
  const { data: k } = (await key.json()) as { data: { secret: string } };
  return { chatbotId: data.id, ingestKey: k.secret };
}

/** Invites a new address into the member's organization with `role` and accepts it as a new account, from the emailed link. */
export async function invited(owner: Member, role: "admin" | "member"): Promise<Member> {
  const email = `invitee${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  // The emailed link: the only one that creates an account (the one answered to the inviter does not).
  const { link } = await emailedLink(email, () => as(owner, `/api/v1/organizations/${owner.organizationId}/invitations`, { method: "POST", json: { email, role } }));
  const accepted = await call("/api/v1/auth/invitations/accept", {
    method: "POST",
    json: { token: link.searchParams.get("token"), name: "Invitee", password: "another good password" },
    // Like sign-ups: an address of its own, so the per-address limit on accepting stays out of the way.
    headers: { "cf-connecting-ip": `10.8.${counter % 250}.${Math.floor(Math.random() * 250)}` },
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  const body = (await accepted.json()) as { data: { memberId: string; organizationId: string; csrfToken: string } };
  return { email, password: "another good password", memberId: body.data.memberId, organizationId: owner.organizationId, cookie: cookieFrom(accepted), csrf: body.data.csrfToken };
}

/**
 * A member of `organizationId` with `role` and a live session, written straight to D1 (no password
 * hashing): for tests that need many distinct members, e.g. one per route so no rate limit is shared.
 */
export async function memberIn(organizationId: string, role: "owner" | "admin" | "member"): Promise<Member> {
  const db = createDb(env.DB);
  const memberId = newId("mem");
  const email = `direct${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const token = randomBase62(32);
  const csrf = randomBase62(24);
  await db.insert(members).values({ id: memberId, email, name: "Direct", passwordHash: "not-a-usable-hash" });
  await db.insert(memberships).values({ organizationId, memberId, role });
  await db.insert(sessions).values({ id: newId("ses"), tokenHash: await sha256Hex(token), memberId, organizationId, csrfToken: csrf, expiresAt: Date.now() + 60 * 60 * 1000 });
  return { email, password: "", memberId, organizationId, cookie: `ob_session=${token}`, csrf };
}

/** A second session of the same member, as another browser would hold. */
export async function anotherSession(member: Member): Promise<Member> {
  const token = randomBase62(32);
  await createDb(env.DB)
    .insert(sessions)
    .values({ id: newId("ses"), tokenHash: await sha256Hex(token), memberId: member.memberId, organizationId: member.organizationId, csrfToken: member.csrf, expiresAt: Date.now() + 60 * 60 * 1000 });
  return { ...member, cookie: `ob_session=${token}` };
}
