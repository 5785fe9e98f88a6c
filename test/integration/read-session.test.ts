import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BOOKMARK_COOKIE, BOOKMARK_HEADER, bookmark, sessionStart } from "../../worker/db/read-session";
import { call, type ErrorBody } from "../helpers/http";
import { as, chatbotOf, signup } from "../helpers/member";
import { createTenant } from "../helpers/tenant";

const A_BOOKMARK = "0000002a-00000003-00000000-0123456789abcdef0123456789abcdef";
const bookmarkCookieOf = (res: Response) => /ob_d1_bookmark=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

/**
 * Records where each request's D1 session starts, still opening the real one. Every request also opens one on
 * the primary for its checks of who may do what (below); only the request's own sessions are recorded.
 */
function recordSessionStarts(): string[] {
  const starts: string[] = [];
  const real = env.DB.withSession.bind(env.DB);
  let request = 0;
  vi.spyOn(env.DB, "withSession").mockImplementation((start) => {
    // request-id.ts opens the request's session first, then the checks' one.
    if (request++ % 2 === 0) starts.push(String(start));
    return real(start);
  });
  return starts;
}

afterEach(() => void vi.restoreAllMocks());

describe("where a request's D1 session starts", () => {
  const req = (method: string, headers: Record<string, string> = {}) => ({ method, header: (name: string) => headers[name] });

  it("lets a read with nothing to continue start on any replica, and sends a write to the primary", () => {
    expect(sessionStart(req("GET"), undefined)).toBe("first-unconstrained");
    expect(sessionStart(req("HEAD"), undefined)).toBe("first-unconstrained");
    expect(sessionStart(req("POST"), undefined)).toBe("first-primary");
    expect(sessionStart(req("DELETE"), undefined)).toBe("first-primary");
  });

  it("continues from the bookmark the request brings, the header before the cookie", () => {
    const other = A_BOOKMARK.replace("2a", "2b");
    expect(sessionStart(req("GET", { [BOOKMARK_HEADER]: A_BOOKMARK }), other)).toBe(A_BOOKMARK);
    expect(sessionStart(req("POST"), other)).toBe(other);
  });

  it("ignores a cookie that is not a bookmark, and refuses such a header", () => {
    expect(sessionStart(req("GET"), "garbage")).toBe("first-unconstrained");
    expect(() => sessionStart(req("GET", { [BOOKMARK_HEADER]: "garbage" }), undefined)).toThrow(/x-d1-bookmark/);
  });
});

describe("reads near the viewer, over the API", () => {
  it("answers every request with the bookmark its session reached, and gives a key no cookie", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/conversations", { key: t.readKey });
    expect(res.status).toBe(200);
    expect(bookmark.safeParse(res.headers.get(BOOKMARK_HEADER)).success).toBe(true);
    expect(bookmarkCookieOf(res)).toBeUndefined();
  });

  it("continues a key's request from the bookmark it sends back", async () => {
    const t = await createTenant();
    const first = await call("/api/v1/conversations", { key: t.readKey });
    const mark = first.headers.get(BOOKMARK_HEADER)!;
    const starts = recordSessionStarts();
    const res = await call("/api/v1/conversations", { key: t.readKey, headers: { [BOOKMARK_HEADER]: mark } });
    expect(res.status).toBe(200);
    expect(starts).toEqual([mark]);
  });

  it("hands a signed-in member a bookmark cookie after a write, and starts their next read from it", async () => {
    const member = await signup();
    const write = await as(member, `/api/v1/organizations/${member.organizationId}/chatbots`, { method: "POST", json: { name: "Read my writes" } });
    expect(write.status).toBe(201);
    const mark = bookmarkCookieOf(write);
    expect(bookmark.safeParse(mark).success).toBe(true);
    expect(write.headers.get("set-cookie")).toMatch(/ob_d1_bookmark=[^;]+;.*Path=\/api/);

    const starts = recordSessionStarts();
    const read = await as(member, `/api/v1/organizations/${member.organizationId}/chatbots`, { headers: { cookie: `${member.cookie}; ${BOOKMARK_COOKIE}=${mark}` } });
    expect(read.status).toBe(200);
    expect(starts).toEqual([mark]);
    const { data } = (await read.json()) as { data: { name: string }[] };
    expect(data.map((c) => c.name)).toContain("Read my writes");
  });

  it("answers a malformed x-d1-bookmark with a 400 naming the header", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/conversations", { key: t.readKey, headers: { [BOOKMARK_HEADER]: "not-a-bookmark" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/x-d1-bookmark/);
  });

  it("ignores a malformed bookmark cookie instead of failing the request", async () => {
    const member = await signup();
    const starts = recordSessionStarts();
    const res = await as(member, `/api/v1/organizations/${member.organizationId}/chatbots`, { headers: { cookie: `${member.cookie}; ${BOOKMARK_COOKIE}=garbage` } });
    expect(res.status).toBe(200);
    expect(starts).toEqual(["first-unconstrained"]);
  });
});

describe("who may do what is read from the primary", () => {
  /** Records each statement with where its D1 session started, still running it on the real one. */
  function recordStatements(): { start: string; sql: string }[] {
    const statements: { start: string; sql: string }[] = [];
    const real = env.DB.withSession.bind(env.DB);
    vi.spyOn(env.DB, "withSession").mockImplementation((start) => {
      const session = real(start);
      const prepare = session.prepare.bind(session);
      return Object.assign(Object.create(session) as D1DatabaseSession, {
        prepare: (sql: string) => (statements.push({ start: String(start), sql }), prepare(sql)),
        batch: session.batch.bind(session),
        getBookmark: session.getBookmark.bind(session),
      });
    });
    return statements;
  }
  const on = (statements: { start: string; sql: string }[], table: string) => statements.filter((s) => s.sql.includes(`"${table}"`)).map((s) => s.start);

  it("checks a key on the primary when the request's reads may come from a replica, so a revoked key stops at once", async () => {
    const t = await createTenant();
    const statements = recordStatements();
    expect((await call("/api/v1/conversations", { key: t.readKey })).status).toBe(200);
    expect(new Set(on(statements, "api_keys"))).toEqual(new Set(["first-primary"]));
    expect(new Set(on(statements, "conversations"))).toEqual(new Set(["first-unconstrained"]));
  });

  it("checks a member's session and membership on the primary, so a log-out or a removal holds at once", async () => {
    const member = await signup();
    const { chatbotId } = await chatbotOf(member);
    const statements = recordStatements();
    expect((await as(member, `/api/v1/chatbots/${chatbotId}/conversations`)).status).toBe(200);
    expect(new Set(on(statements, "sessions"))).toEqual(new Set(["first-primary"]));
    expect(new Set(on(statements, "memberships"))).toEqual(new Set(["first-primary"]));
    expect(new Set(on(statements, "conversations"))).toEqual(new Set(["first-unconstrained"]));
  });
});
