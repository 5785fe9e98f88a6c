/**
 * Abuse limits on the credential endpoints and on what a member creates: per account (D1, consistent
 * across isolates), per email and per client address (the rate limiting binding).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { lockAfter, reserveLoginAttempt, THROTTLES } from "../../worker/services/throttles";
import { ApiError } from "../../worker/errors";
import { call, type ErrorBody } from "../helpers/http";
import { as, chatbotOf, emailedLink, signup } from "../helpers/member";
import { inFreshRateWindow } from "../helpers/rate-window";

let n = 0;
/** A client address of its own, so the per-address limit stays out of tests about the per-account one. */
const ip = () => ({ "cf-connecting-ip": `10.66.${Math.floor(++n / 250)}.${n % 250}` });
const login = (email: string, password: string, headers: Record<string, string> = ip()) => call("/api/v1/auth/login", { method: "POST", json: { email, password }, headers });
const body = async (res: Response) => ((await res.json()) as ErrorBody).error;

describe("log-in throttling per account", () => {
  it("locks an account after five wrong passwords: the sixth attempt answers 429 too_many_attempts with Retry-After, even with the right password", async () => {
    const m = await signup();
    for (let i = 0; i < 5; i++) expect((await login(m.email, "not the password")).status).toBe(401);
    const locked = await login(m.email, m.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(29);
    expect(Number(locked.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect((await body(locked)).code).toBe("too_many_attempts");
    expect(locked.headers.get("set-cookie")).toBeNull();
  });

  it("treats an unknown email exactly like a known one, so the lock does not tell which addresses have accounts", async () => {
    const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(nobody, "not the password")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("checks at most five of twenty wrong guesses sent at once", async () => {
    const m = await signup();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => login(m.email, "a parallel guess").then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it("forgets the failures after a successful log-in", async () => {
    const m = await signup();
    for (let i = 0; i < 4; i++) expect((await login(m.email, "not the password")).status).toBe(401);
    expect((await login(m.email, m.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(m.email, "not the password")).status).toBe(401);
    expect((await login(m.email, m.password)).status).toBe(200);
  });

  it("lets the owner out of a lock through a password reset", async () => {
    const m = await signup();
    for (let i = 0; i < 6; i++) await login(m.email, "not the password");
    expect((await login(m.email, m.password)).status).toBe(429);
    const { link } = await emailedLink(m.email, () => call("/api/v1/auth/password-reset", { method: "POST", json: { email: m.email }, headers: ip() }));
    const reset = await call("/api/v1/auth/password-reset/confirm", { method: "POST", json: { token: link.searchParams.get("token"), password: "a fresh password 2" }, headers: ip() });
    expect(reset.status).toBe(200);
    expect((await login(m.email, "a fresh password 2")).status).toBe(200);
  });

  it("doubles the lock with each further failure, from 30 seconds up to 15 minutes", async () => {
    expect([1, 2, 3, 4].map(lockAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((f) => lockAfter(f) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(THROTTLES.login.freeAttempts).toBe(5);
  });

  it("applies the longer lock once the first has passed and another guess fails", async () => {
    const db = createDb(env.DB);
    const email = `clock-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const t0 = 1_900_000_000_000;
    for (let i = 0; i < 5; i++) await reserveLoginAttempt(db, email, t0);
    const refusal = (at: number) => reserveLoginAttempt(db, email, at).then(() => null, (e: ApiError) => e);
    expect((await refusal(t0 + 29_000))?.retryAfter).toBe(1);
    expect(await refusal(t0 + 30_000)).toBeNull(); // the sixth attempt is checked…
    const next = await refusal(t0 + 31_000); // …and locks for 60 s from then
    expect(next?.code).toBe("too_many_attempts");
    expect(next?.retryAfter).toBe(59);
    expect(await refusal(t0 + 90_000)).toBeNull();
  });
});

describe("per-address limits", () => {
  /**
   * Sends requests from one address until one is refused. The binding's windows are aligned to the wall
   * clock, so a minute may turn during the run and restart the count: the first 20 always pass, and the
   * refusal comes at the 21st — or, across a turn of the minute, by the 41st at the latest.
   */
  async function untilRefused(send: (i: number) => Promise<Response>): Promise<{ accepted: number[]; refused: Response | undefined; at: number }> {
    const accepted: number[] = [];
    for (let i = 0; i < 41; i++) {
      const res = await send(i);
      if (res.status === 429) return { accepted, refused: res, at: i + 1 };
      accepted.push(res.status);
    }
    return { accepted, refused: undefined, at: -1 };
  }

  it("answers 429 rate_limited with Retry-After once one address passes 20 log-ins in a minute, whatever the emails", async () => {
    const from = ip();
    const { accepted, refused, at } = await untilRefused((i) => login(`someone-${i}-${n}@example.com`, "whatever", from));
    expect(accepted.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(at).toBeGreaterThanOrEqual(21);
    expect(refused?.status).toBe(429);
    expect((await body(refused!)).code).toBe("rate_limited");
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits sign-up and password reset requests per address the same way", async () => {
    for (const [path, json] of [
      ["/api/v1/auth/signup", (i: number) => ({ email: `a${i}-${n}@example.com`, password: "long enough password", name: "A", organizationName: "A" })],
      ["/api/v1/auth/password-reset", (i: number) => ({ email: `a${i}-${n}@example.com` })],
    ] as const) {
      const from = ip();
      const { accepted, refused } = await untilRefused((i) => call(path, { method: "POST", json: json(i), headers: from }));
      expect(accepted.slice(0, 20), path).toEqual(Array(20).fill(202));
      expect(refused?.status, path).toBe(429);
    }
  });
});

describe("per-email limits", () => {
  it("answers the sixth password reset request for one address in an hour with 429, known address or not", async () => {
    const m = await signup();
    for (const address of [m.email, `unknown-${crypto.randomUUID().slice(0, 8)}@example.com`]) {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await call("/api/v1/auth/password-reset", { method: "POST", json: { email: address }, headers: ip() })).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    }
  });

  it("answers the sixth sign-up request for one address in an hour with 429, known address or not", async () => {
    // The member's own sign-up was the first request for their address.
    const m = await signup();
    const ask = (address: string) => call("/api/v1/auth/signup", { method: "POST", json: { email: address, password: "long enough password", name: "A", organizationName: "A" }, headers: ip() });
    const known = [];
    for (let i = 0; i < 5; i++) known.push((await ask(m.email)).status);
    expect(known).toEqual([202, 202, 202, 202, 429]);
    const unknown = [];
    const fresh = `unknown-${crypto.randomUUID().slice(0, 8)}@example.com`;
    for (let i = 0; i < 6; i++) unknown.push((await ask(fresh)).status);
    expect(unknown).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe("what a member creates", () => {
  it("answers the 11th organization a member creates in a day with 429", async () => {
    const m = await signup();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await as(m, "/api/v1/organizations", { method: "POST", json: { name: `Org ${i}` } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("answers the 51st invitation a member sends in a day with 429, naming when to retry", async () => {
    const m = await signup();
    const invite = (i: number) => as(m, `/api/v1/organizations/${m.organizationId}/invitations`, { method: "POST", json: { email: `guest${i}@example.com` } });
    for (let i = 0; i < 50; i++) expect((await invite(i)).status).toBe(201);
    const limited = await invite(50);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(80_000);
  });
});

describe("read limits", () => {
  /** Reads until the first 429 (at most `tries`): how many were answered 200, and the refusal. */
  async function readUntilLimited(read: () => Promise<Response>, tries: number) {
    let accepted = 0;
    for (let i = 0; i < tries; i++) {
      const res = await read();
      if (res.status === 429) return { accepted, refused: res };
      expect(res.status).toBe(200);
      accepted += 1;
    }
    return { accepted, refused: null };
  }

  it("counts a member's dashboard reads against a limit of their own, larger than a read key's", async () => {
    // The tests' limits (vitest.config.ts): 25 reads a minute per read key, 50 per member.
    const m = await signup();
    const { chatbotId } = await chatbotOf(m);
    const created = await as(m, `/api/v1/chatbots/${chatbotId}/keys`, { method: "POST", json: { kind: "read", name: "reports" } });
    const { data: key } = (await created.json()) as { data: { secret: string } };
    // The limiter counts in windows aligned to the wall-clock minute; these 90 reads must not straddle one.
    await inFreshRateWindow(60, 40);
    const byKey = await readUntilLimited(() => call("/api/v1/workflows", { key: key.secret }), 30);
    expect(byKey.accepted).toBe(25);
    expect(byKey.refused?.headers.get("retry-after")).toBe("60");
    expect((await body(byKey.refused!)).code).toBe("rate_limited");

    const byMember = await readUntilLimited(() => as(m, `/api/v1/chatbots/${chatbotId}/workflows`), 60);
    expect(byMember.accepted).toBeGreaterThan(25);
    expect(byMember.accepted).toBeLessThanOrEqual(50);
    expect((await body(byMember.refused!)).code).toBe("rate_limited");
    // Up to 40 s of waiting for the window, then the reads.
  }, 75_000);

  it("counts a member's notification reads in the same member budget as their other reads", async () => {
    const m = await signup();
    const { chatbotId } = await chatbotOf(m);
    await inFreshRateWindow(60, 30);
    const notifications = await readUntilLimited(() => as(m, "/api/v1/notifications"), 60);
    expect(notifications.accepted).toBeGreaterThan(25);
    expect(notifications.accepted).toBeLessThanOrEqual(50);
    // The budget is spent: the member's other reads are refused too.
    expect((await as(m, `/api/v1/chatbots/${chatbotId}/workflows`)).status).toBe(429);
    // Up to 30 s of waiting for the window, then the reads.
  }, 60_000);
});
