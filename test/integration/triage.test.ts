/**
 * Acting on conversations (README "Acting on conversations"): status, assignee, notes, labels and the
 * activity timeline through the API — each action's activity row, the assignee's notification (stored, and
 * pushed to their notification channel), the live feed's `triage` event, validation, tenancy and roles.
 */
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FeedFrame, LiveEvent } from "../../durable-objects/chatbot-live";
import type { MemberFrame } from "../../durable-objects/member-frames";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { createDb } from "../../worker/db/client";
import { call, capture, type ErrorBody } from "../helpers/http";
import { as, chatbotOf, memberIn, signup, type Member } from "../helpers/member";
import { syncIndex } from "../helpers/index-queue";
import { connect, type TestSocket } from "../helpers/socket";

interface Tenant {
  /** Fresh for every test (beforeEach): rate limits count per member and per key, and a file makes many calls. */
  owner: Member;
  admin: Member;
  reader: Member;
  organizationId: string;
  chatbotId: string;
  ingestKey: string;
  adminKey: string;
  readKey: string;
}

async function tenant(name: string): Promise<{ organizationId: string; chatbotId: string }> {
  const owner = await signup(name);
  const { chatbotId } = await chatbotOf(owner);
  return { organizationId: owner.organizationId, chatbotId };
}

async function freshen(t: { organizationId: string; chatbotId: string }): Promise<Tenant> {
  const db = createDb(env.DB);
  const key = async (kind: "ingest" | "admin" | "read", name: string) => (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind, name })).secret;
  return {
    ...t,
    owner: await memberIn(t.organizationId, "owner"),
    admin: await memberIn(t.organizationId, "admin"),
    reader: await memberIn(t.organizationId, "member"),
    ingestKey: await key("ingest", "server"),
    adminKey: await key("admin", "triage bot"),
    readKey: await key("read", "reader"),
  };
}

/** A conversation of `t`, in the D1 index. */
async function conversationOf(t: Tenant, externalId = `c-${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  const res = await capture(t.ingestKey, { conversationId: externalId, messages: [{ role: "user", content: "My invoice is wrong and nobody answers" }] });
  const { conversationId } = (await res.json()) as { conversationId: string };
  await syncIndex(conversationStub(env, t.chatbotId, externalId));
  return conversationId;
}

const base = (t: Tenant, conversationId: string) => `/api/v1/chatbots/${t.chatbotId}/conversations/${conversationId}`;
const json = async <T>(res: Response): Promise<T> => ((await res.json()) as { data: T }).data;

interface Activity {
  kind: string;
  actorId: string | null;
  actorName: string;
  detail: Record<string, unknown>;
}

async function activityOf(t: Tenant, conversationId: string): Promise<Activity[]> {
  return json<Activity[]>(await as(t.owner, `${base(t, conversationId)}/activity`));
}

async function label(t: Tenant, name: string, color = "red"): Promise<{ id: string; name: string; color: string }> {
  const res = await as(t.owner, `/api/v1/chatbots/${t.chatbotId}/labels`, { method: "POST", json: { name, color } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

let orgA: { organizationId: string; chatbotId: string };
let orgB: { organizationId: string; chatbotId: string };
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  orgA = await tenant("Ada");
  orgB = await tenant("Bea");
});

beforeEach(async () => {
  a = await freshen(orgA);
  b = await freshen(orgB);
});

describe("status and assignee", () => {
  it("sets a status and writes one activity row naming who did it; the same status again changes nothing", async () => {
    const id = await conversationOf(a);
    const res = await as(a.admin, `${base(a, id)}/triage`, { method: "PATCH", json: { status: "needs_review" } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: "needs_review", assignee: null, labels: [] });
    await as(a.admin, `${base(a, id)}/triage`, { method: "PATCH", json: { status: "needs_review" } });
    expect(await activityOf(a, id)).toEqual([expect.objectContaining({ kind: "status_changed", actorId: a.admin.memberId, actorName: "Direct", detail: { from: "open", to: "needs_review" } })]);
  });

  it("assigns a member of the organization, notifies them in the app, and unassigns", async () => {
    const id = await conversationOf(a, "assign-me");
    const assigned = await json<{ assignee: { id: string } | null }>(await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: a.admin.memberId } }));
    expect(assigned.assignee?.id).toBe(a.admin.memberId);

    const inbox = await json<{ items: { kind: string; conversationId: string; chatbotId: string; title: string; readAt: number | null }[]; unread: number }>(await as(a.admin, "/api/v1/notifications"));
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: "assigned", conversationId: id, chatbotId: a.chatbotId, title: "Direct assigned you a conversation", readAt: null });

    const unassigned = await json<{ assignee: unknown }>(await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: null } }));
    expect(unassigned.assignee).toBeNull();
    expect((await activityOf(a, id)).map((x) => [x.kind, x.detail.assigneeId])).toEqual(expect.arrayContaining([["assigned", a.admin.memberId], ["unassigned", a.admin.memberId]]));
  });

  it("takes a member removed from the organization, or leaving it, off every conversation they were assigned, in the timeline by whoever did it", async () => {
    const removed = await memberIn(a.organizationId, "admin");
    const leaver = await memberIn(a.organizationId, "member");
    const [one, two, kept, left] = await Promise.all(["rm-1", "rm-2", "rm-kept", "rm-left"].map((x) => conversationOf(a, `${x}-${crypto.randomUUID().slice(0, 6)}`)));
    const assign = (id: string, memberId: string) => as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: memberId } });
    for (const id of [one!, two!]) expect((await assign(id, removed.memberId)).status).toBe(200);
    expect((await assign(kept!, a.admin.memberId)).status).toBe(200);
    expect((await assign(left!, leaver.memberId)).status).toBe(200);

    const org = `/api/v1/organizations/${a.organizationId}/members`;
    expect((await as(a.owner, `${org}/${removed.memberId}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(leaver, `${org}/${leaver.memberId}`, { method: "DELETE" })).status).toBe(204);

    const assigneeOf = async (id: string) => (await json<{ assignee: { id: string } | null }>(await as(a.owner, `${base(a, id)}/triage`))).assignee?.id ?? null;
    expect(await Promise.all([one!, two!, kept!, left!].map(assigneeOf))).toEqual([null, null, a.admin.memberId, null]);
    const unassigned = async (id: string) => (await activityOf(a, id)).filter((x) => x.kind === "unassigned").map((x) => [x.actorId, x.detail.assigneeId]);
    expect(await unassigned(one!)).toEqual([[a.owner.memberId, removed.memberId]]);
    expect(await unassigned(left!)).toEqual([[leaver.memberId, leaver.memberId]]);
    expect(await unassigned(kept!)).toEqual([]);
  });

  it("says when the status last changed: never for an assignment alone, and not moved by a later one", async () => {
    const id = await conversationOf(a);
    const patch = async (body: object) => json<{ status: string; statusAt: number | null }>(await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: body }));
    expect(await patch({ assigneeId: a.admin.memberId })).toMatchObject({ status: "open", statusAt: null });
    const before = Date.now();
    const reviewed = await patch({ status: "reviewed" });
    expect(reviewed.statusAt).toBeGreaterThanOrEqual(before);
    expect(await patch({ assigneeId: null })).toMatchObject({ status: "reviewed", statusAt: reviewed.statusAt });
    expect(await json(await as(a.owner, `${base(a, id)}/triage`))).toMatchObject({ status: "reviewed", statusAt: reviewed.statusAt });
  });

  it("does not notify a member who assigns the conversation to themselves", async () => {
    const id = await conversationOf(a);
    const self = await memberIn(a.organizationId, "admin");
    await as(self, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: self.memberId } });
    expect((await json<{ unread: number }>(await as(self, "/api/v1/notifications"))).unread).toBe(0);
  });

  it("refuses an assignee who is not a member of the organization with 400 naming assigneeId", async () => {
    const id = await conversationOf(a);
    const res = await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: b.owner.memberId } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "invalid_request", details: [{ field: "assigneeId" }] });
  });

  it("answers an unknown status or an unknown field with the 400 envelope naming it", async () => {
    const id = await conversationOf(a);
    const bad = await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { status: "done" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("status");
    const extra = await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { priority: "high" } });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as ErrorBody).error.code).toBe("invalid_request");
  });

  it("lets an admin key act under its own name, and a read key only read", async () => {
    const id = await conversationOf(a);
    const res = await call(`/api/v1/conversations/${id}/triage`, { method: "PATCH", key: a.adminKey, json: { status: "escalated" } });
    expect(res.status).toBe(200);
    const [row] = await json<Activity[]>(await call(`/api/v1/conversations/${id}/activity`, { key: a.readKey }));
    expect(row).toMatchObject({ kind: "status_changed", actorId: null, actorName: "API key triage bot" });
    const refused = await call(`/api/v1/conversations/${id}/triage`, { method: "PATCH", key: a.readKey, json: { status: "reviewed" } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("forbidden");
    expect(await json(await call(`/api/v1/conversations/${id}/triage`, { key: a.readKey }))).toMatchObject({ status: "escalated" });
  });
});

describe("notes", () => {
  it("adds notes with their author and time, lists them oldest first, and records each in the timeline", async () => {
    const id = await conversationOf(a);
    const before = Date.now();
    const first = await as(a.owner, `${base(a, id)}/notes`, { method: "POST", json: { body: "  Called the customer back.  " } });
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({ authorId: a.owner.memberId, authorName: "Direct", body: "Called the customer back." });
    await as(a.admin, `${base(a, id)}/notes`, { method: "POST", json: { body: "Refund issued." } });
    const notes = await json<{ body: string; authorName: string; createdAt: number }[]>(await as(a.reader, `${base(a, id)}/notes`));
    expect(notes.map((n) => n.body)).toEqual(["Called the customer back.", "Refund issued."]);
    expect(notes[0]!.createdAt).toBeGreaterThanOrEqual(before);
    expect((await activityOf(a, id)).filter((x) => x.kind === "note_added").map((x) => x.detail.excerpt).sort()).toEqual(["Called the customer back.", "Refund issued."]);
  });

  it("records a long note's first 140 characters in the timeline, an emoji at the cut kept whole", async () => {
    const id = await conversationOf(a);
    const body = `${"x".repeat(139)}😀 and the rest of the note`;
    expect((await as(a.owner, `${base(a, id)}/notes`, { method: "POST", json: { body } })).status).toBe(201);
    const excerpts = (await activityOf(a, id)).filter((x) => x.kind === "note_added").map((x) => x.detail.excerpt as string);
    expect(excerpts).toContain(`${"x".repeat(139)}😀`);
  });

  it("refuses an empty note with the 400 envelope naming body", async () => {
    const id = await conversationOf(a);
    const res = await as(a.owner, `${base(a, id)}/notes`, { method: "POST", json: { body: "   " } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("body");
  });
});

describe("labels", () => {
  it("creates, renames, recolours and deletes a chatbot's labels", async () => {
    const created = await label(a, "Billing", "blue");
    expect(created).toMatchObject({ name: "Billing", color: "blue" });
    const renamed = await as(a.admin, `/api/v1/chatbots/${a.chatbotId}/labels/${created.id}`, { method: "PATCH", json: { name: "Invoices", color: "teal" } });
    expect(await json(renamed)).toMatchObject({ id: created.id, name: "Invoices", color: "teal" });
    const listed = await json<{ name: string }[]>(await as(a.reader, `/api/v1/chatbots/${a.chatbotId}/labels`));
    expect(listed.map((l) => l.name)).toContain("Invoices");
    expect((await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${created.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses a colour outside the palette (400) and a second label of the same name in any case (409)", async () => {
    const res = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels`, { method: "POST", json: { name: "Odd", color: "#ff0000" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("color");
    await label(a, "Twice");
    const again = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels`, { method: "POST", json: { name: "Twice", color: "green" } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.code).toBe("conflict");
    // In any case: to a person "TWICE" is the same label, and label filters match names in any case.
    const shouted = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels`, { method: "POST", json: { name: "TWICE", color: "green" } });
    expect(shouted.status).toBe(409);
    const other = await label(a, "Once");
    const renamed = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${other.id}`, { method: "PATCH", json: { name: "twice" } });
    expect(renamed.status).toBe(409);
    // A label may change its own name's case.
    expect(await json(await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${other.id}`, { method: "PATCH", json: { name: "ONCE" } }))).toMatchObject({ name: "ONCE" });
  });

  it("names the existing label in its own spelling when a new name or a rename differs from it only in case", async () => {
    await label(a, "Urgent");
    const created = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels`, { method: "POST", json: { name: "urgent", color: "red" } });
    expect(created.status).toBe(409);
    expect(((await created.json()) as ErrorBody).error).toMatchObject({ code: "conflict", message: 'a label named "Urgent" already exists' });
    const other = await label(a, "Later");
    const renamed = await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${other.id}`, { method: "PATCH", json: { name: "URGENT" } });
    expect(renamed.status).toBe(409);
    expect(((await renamed.json()) as ErrorBody).error).toMatchObject({ code: "conflict", message: 'a label named "Urgent" already exists' });
  });

  it("puts a label on a conversation and takes it off, once each in the timeline, and the detail shows it", async () => {
    const id = await conversationOf(a);
    const vip = await label(a, "VIP", "grape");
    const on = await as(a.owner, `${base(a, id)}/labels/${vip.id}`, { method: "PUT" });
    expect(on.status).toBe(200);
    expect(await json(on)).toMatchObject({ labels: [{ id: vip.id, name: "VIP", color: "grape" }] });
    await as(a.owner, `${base(a, id)}/labels/${vip.id}`, { method: "PUT" });

    const detail = await json<{ triage: { labels: { id: string }[]; status: string } }>(await as(a.reader, base(a, id)));
    expect(detail.triage).toMatchObject({ status: "open", labels: [{ id: vip.id }] });

    const off = await as(a.owner, `${base(a, id)}/labels/${vip.id}`, { method: "DELETE" });
    expect(await json(off)).toMatchObject({ labels: [] });
    const kinds = (await activityOf(a, id)).map((x) => [x.kind, x.detail.labelName]);
    expect(kinds.sort()).toEqual([["label_added", "VIP"], ["label_removed", "VIP"]]);
  });

  it("lists labels by name in any case, on the chatbot and on a conversation", async () => {
    const id = await conversationOf(a);
    for (const name of ["sort-zeta", "Sort-alpha", "SORT-beta"]) {
      const made = await label(a, name);
      await as(a.owner, `${base(a, id)}/labels/${made.id}`, { method: "PUT" });
    }
    const ours = (names: string[]) => names.filter((n) => /^sort-/i.test(n));
    const listed = await json<{ name: string }[]>(await as(a.reader, `/api/v1/chatbots/${a.chatbotId}/labels`));
    expect(ours(listed.map((l) => l.name))).toEqual(["Sort-alpha", "SORT-beta", "sort-zeta"]);
    const detail = await json<{ triage: { labels: { name: string }[] } }>(await as(a.reader, base(a, id)));
    expect(ours(detail.triage.labels.map((l) => l.name))).toEqual(["Sort-alpha", "SORT-beta", "sort-zeta"]);
  });

  it("takes a deleted label off every conversation", async () => {
    const id = await conversationOf(a);
    const temp = await label(a, "Temporary");
    await as(a.owner, `${base(a, id)}/labels/${temp.id}`, { method: "PUT" });
    await as(a.owner, `/api/v1/chatbots/${a.chatbotId}/labels/${temp.id}`, { method: "DELETE" });
    expect(await json(await as(a.owner, `${base(a, id)}/triage`))).toMatchObject({ labels: [] });
  });
});

describe("tenancy and roles", () => {
  it("answers 404 for another tenant's conversation and for another tenant's label", async () => {
    const mine = await conversationOf(a);
    const theirs = await conversationOf(b);
    const theirLabel = await label(b, "Theirs");
    const myLabel = await label(a, "Mine");
    for (const [path, init] of [
      [`${base(a, theirs)}/triage`, { method: "PATCH", json: { status: "reviewed" } }],
      [`${base(a, theirs)}/triage`, {}],
      [`${base(a, theirs)}/notes`, { method: "POST", json: { body: "x" } }],
      [`${base(a, theirs)}/activity`, {}],
      [`${base(a, theirs)}/labels/${myLabel.id}`, { method: "PUT" }],
      [`${base(a, mine)}/labels/${theirLabel.id}`, { method: "PUT" }],
      [`/api/v1/chatbots/${a.chatbotId}/labels/${theirLabel.id}`, { method: "PATCH", json: { name: "Taken" } }],
      [`/api/v1/chatbots/${a.chatbotId}/labels/${theirLabel.id}`, { method: "DELETE" }],
    ] as const) {
      const res = await as(a.owner, path, init as Parameters<typeof as>[2]);
      expect(res.status, `${init && "method" in init ? init.method : "GET"} ${path}`).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
    }
    expect(await json(await as(b.owner, `${base(b, theirs)}/triage`))).toMatchObject({ status: "open" });
    expect((await json<{ name: string }[]>(await as(b.owner, `/api/v1/chatbots/${b.chatbotId}/labels`))).map((l) => l.name)).toContain("Theirs");
  });

  it("refuses every action to a read-only member with 403 and the envelope, and lets them read", async () => {
    const id = await conversationOf(a);
    const tag = await label(a, "Read-only test");
    for (const [path, init] of [
      [`${base(a, id)}/triage`, { method: "PATCH", json: { status: "reviewed" } }],
      [`${base(a, id)}/notes`, { method: "POST", json: { body: "hello" } }],
      [`${base(a, id)}/labels/${tag.id}`, { method: "PUT" }],
      [`${base(a, id)}/labels/${tag.id}`, { method: "DELETE" }],
      [`/api/v1/chatbots/${a.chatbotId}/labels`, { method: "POST", json: { name: "No", color: "red" } }],
      [`/api/v1/chatbots/${a.chatbotId}/labels/${tag.id}`, { method: "PATCH", json: { name: "No" } }],
      [`/api/v1/chatbots/${a.chatbotId}/labels/${tag.id}`, { method: "DELETE" }],
    ] as const) {
      const res = await as(a.reader, path, init as Parameters<typeof as>[2]);
      expect(res.status, `${init.method} ${path}`).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
    }
    for (const path of [`${base(a, id)}/triage`, `${base(a, id)}/notes`, `${base(a, id)}/activity`, `/api/v1/chatbots/${a.chatbotId}/labels`]) {
      expect((await as(a.reader, path)).status, path).toBe(200);
    }
    expect(await activityOf(a, id)).toEqual([]);
  });
});

describe("live", () => {
  async function feedOf(member: Member, chatbotId: string): Promise<TestSocket> {
    const socket = await connect(`/api/v1/chatbots/${chatbotId}/live-feed`, { headers: { cookie: member.cookie } });
    await socket.next();
    return socket;
  }

  async function channelOf(member: Member): Promise<TestSocket> {
    const socket = await connect("/api/v1/notifications/live", { headers: { cookie: member.cookie } });
    await socket.next();
    return socket;
  }

  async function nextEvent(socket: TestSocket, type: LiveEvent["type"]): Promise<LiveEvent> {
    for (;;) {
      const frame = (await socket.next(undefined, 10_000)) as unknown as FeedFrame;
      const event = frame.type === "batch" ? frame.events.find((e) => e.type === type) : undefined;
      if (event) return event;
    }
  }

  it("publishes each action's new triage state to every viewer of the chatbot, and a label change as a labels event", async () => {
    const id = await conversationOf(a);
    const viewer = await feedOf(a.reader, a.chatbotId);
    await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { status: "escalated", assigneeId: a.admin.memberId } });
    expect(await nextEvent(viewer, "triage")).toEqual({
      type: "triage",
      conversationId: id,
      changes: ["status_changed", "assigned"],
      status: "escalated",
      assigneeId: a.admin.memberId,
      labelIds: [],
      actorName: "Direct",
    });
    await label(a, "Live label");
    expect(await nextEvent(viewer, "labels")).toEqual({ type: "labels" });
    viewer.close();
  });

  it("sends the assignee's notification to the assignee's notification channel, wherever they are, and not to another member's", async () => {
    const id = await conversationOf(a);
    const assignee = await memberIn(a.organizationId, "admin");
    // Neither has this chatbot's feed open: the channel is the member's, not the chatbot's.
    const [theirs, others] = [await channelOf(assignee), await channelOf(a.reader)];
    const viewer = await feedOf(a.reader, a.chatbotId);
    await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: assignee.memberId } });
    const frame = (await theirs.next(undefined, 10_000)) as unknown as MemberFrame;
    const [stored] = (await json<{ items: { id: string }[] }>(await as(assignee, "/api/v1/notifications"))).items;
    expect(frame).toEqual({
      type: "notification",
      notification: { id: stored!.id, kind: "assigned", title: expect.any(String), body: expect.any(String), chatbotId: a.chatbotId, conversationId: id, createdAt: expect.any(Number), readAt: null },
    });
    // The feed carries the action's triage event and nothing else of it; the other member's channel, nothing before its pong.
    await nextEvent(viewer, "triage");
    expect(viewer.frames.some((f) => (f as { type: string }).type === "notification")).toBe(false);
    others.send({ type: "ping" });
    expect(await others.next(undefined, 10_000)).toEqual({ type: "pong" });
    for (const socket of [theirs, others, viewer]) socket.close();
  });
});

describe("notifications", () => {
  it("lists newest first, marks one and then all read, and refuses another member's notification with 404", async () => {
    const target = await memberIn(a.organizationId, "admin");
    for (const external of ["n-1", "n-2", "n-3"]) {
      const id = await conversationOf(a, `${external}-${crypto.randomUUID().slice(0, 6)}`);
      await as(a.owner, `${base(a, id)}/triage`, { method: "PATCH", json: { assigneeId: target.memberId } });
    }
    const inbox = await json<{ items: { id: string; createdAt: number; body: string }[]; unread: number }>(await as(target, "/api/v1/notifications"));
    expect(inbox.unread).toBe(3);
    expect(inbox.items.map((n) => n.body.slice(13, 16))).toEqual(["n-3", "n-2", "n-1"]);

    expect((await as(a.reader, `/api/v1/notifications/${inbox.items[0]!.id}/read`, { method: "POST" })).status).toBe(404);
    const read = await json<{ readAt: number | null }>(await as(target, `/api/v1/notifications/${inbox.items[0]!.id}/read`, { method: "POST" }));
    expect(read.readAt).not.toBeNull();
    expect((await json<{ items: unknown[] }>(await as(target, "/api/v1/notifications?unread=true"))).items).toHaveLength(2);
    expect(await json(await as(target, "/api/v1/notifications/read-all", { method: "POST" }))).toEqual({ marked: 2 });
    expect((await json<{ unread: number }>(await as(target, "/api/v1/notifications"))).unread).toBe(0);
  });

  it("belongs to member sessions only: an API key is refused with 403, a secret that is no key and no credentials with 401", async () => {
    const res = await call("/api/v1/notifications", { key: a.adminKey });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
    const bogus = await call("/api/v1/notifications", { key: "ob_read_bogus" });
    expect(bogus.status).toBe(401);
    expect(((await bogus.json()) as ErrorBody).error.code).toBe("unauthorized");
    const anonymous = await call("/api/v1/notifications");
    expect(anonymous.status).toBe(401);
    // Not "send an API key": a key is what this route refuses.
    expect(((await anonymous.json()) as ErrorBody).error.message).toMatch(/^log in first: this route takes a member's session/);
  });

  it("is refused to an API key as every member-only route refuses one: 403, the organizations and members included", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/organizations"],
      ["GET", "/api/v1/auth/session"],
      ["GET", `/api/v1/organizations/${a.organizationId}/members`],
      ["POST", "/api/v1/auth/switch"],
      ["POST", "/api/v1/auth/logout"],
      ["POST", "/api/v1/auth/password"],
      ["PATCH", "/api/v1/auth/me"],
    ] as const) {
      const res = await call(path, { method, key: a.adminKey, ...(method === "POST" || method === "PATCH" ? { json: {} } : {}) });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as ErrorBody).error.message, path).toMatch(/^this route belongs to a member/);
    }
  });

  it("answers a bad limit with the 400 envelope naming it", async () => {
    const res = await as(a.owner, "/api/v1/notifications?limit=0");
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("limit");
  });
});
