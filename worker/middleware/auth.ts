/**
 * API key authentication (SPEC §2). Keys arrive as `Authorization: Bearer ob_…`; browsers cannot set
 * headers on a WebSocket, so the live route also accepts `?key=` (publishable keys only) and
 * `?token=` (signed conversation tokens), which it checks itself.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { apiKeys, type ApiKeyKind } from "../db/schema";
import { ApiError, notFound } from "../errors";
import { findKey, KEY_PREFIX, type KeyScope } from "../services/keys";
import { protocolKey } from "../services/socket-protocol";
import { LOG_IN, memberChatbotScope, requireSession } from "../services/sessions";

const LAST_USED_GRANULARITY_MS = 60 * 60 * 1000;

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

const invalidKey = () => new ApiError("unauthorized", "invalid, expired or revoked API key");

/** "an ingest or read", "an admin": the kinds a 403 names, with the article English wants. */
const kindsOf = (kinds: readonly ApiKeyKind[]) => `${/^[aeiou]/.test(kinds[0] ?? "") ? "an" : "a"} ${kinds.join(" or ")}`;

/** A secret kind of key (all but publishable) anywhere in a text: its prefix and at least a few characters of it. */
const SECRET_KEY = new RegExp(
  `(?<![A-Za-z0-9])(?:${Object.entries(KEY_PREFIX).filter(([kind]) => kind !== "publishable").map(([, prefix]) => prefix).join("|")})[0-9A-Za-z]{6,}`,
);

/** The URL as a client wrote it, decoded where it can be (`%5F` for `_` is still the key). */
function decodedUrl(url: URL): string {
  // Each run of escapes decoded on its own: one malformed escape elsewhere (`%ZZ`) must not leave an encoded key
  // (`ob%5Flive%5F…`) undecoded, as decoding the whole URL at once would (it throws, all or nothing).
  return (url.pathname + url.search).replace(/\+/g, " ").replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * A secret key anywhere in the URL — a query value or name, a path segment (a conversation id, a route's id) —
 * is refused, even beside a valid header: it ends up in logs, proxies and browser history, so it must be rotated
 * rather than accepted once (README "Security"). Publishable keys may be sent there (the live route's `?key=`).
 * Every API route passes through it (app.ts), before any other check, so the refusal never depends on the route.
 */
export const refuseSecretInUrl = createMiddleware<AppEnv>(async (c, next) => {
  if (SECRET_KEY.test(decodedUrl(new URL(c.req.url)))) {
    throw new ApiError("unauthorized", "secret key sent in a URL: send it as `Authorization: Bearer <key>` instead, and rotate that key (URLs end up in logs)");
  }
  await next();
});

/** Resolves a presented secret to its scope or answers 401/403 with the reason. */
export async function authenticate(c: Context<AppEnv>, secret: string | undefined, kinds: readonly ApiKeyKind[]): Promise<KeyScope> {
  if (!secret) throw new ApiError("unauthorized", "missing API key: send it as `Authorization: Bearer <key>`");
  const scope = await findKey(c.get("authDb"), secret);
  if (!scope) throw invalidKey();
  if (!kinds.includes(scope.kind)) {
    throw new ApiError("forbidden", `this endpoint needs ${kindsOf(kinds)} key; ${kindsOf([scope.kind])} key was given`);
  }
  // Last-used is informative only: refreshed at most hourly, off the request's path.
  if (scope.lastUsedAt === null || Date.now() - scope.lastUsedAt > LAST_USED_GRANULARITY_MS) {
    c.executionCtx.waitUntil(
      c
        .get("authDb")
        .update(apiKeys)
        .set({ lastUsedAt: Date.now() })
        .where(eq(apiKeys.id, scope.keyId))
        .then(() => undefined, () => undefined),
    );
  }
  c.set("auth", scope);
  return scope;
}

export const requireKey = (...kinds: ApiKeyKind[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await authenticate(c, bearerToken(c.req.header("authorization")), kinds);
    await next();
  });

/** Narrows an already authenticated route to some key kinds (e.g. writes on a read-or-admin router). */
export const requireKind = (...kinds: ApiKeyKind[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { kind, role } = c.get("auth");
    if (kinds.includes(kind)) return next();
    // A member acts with their role's reach (a read key's, for `member`): name the role, not a key they never sent.
    if (role) throw new ApiError("forbidden", `your role (${role}) cannot do this; ask an admin of the organization`);
    throw new ApiError("forbidden", `this action needs ${kindsOf(kinds)} key; ${kindsOf([kind])} key was given`);
  });

/**
 * A key offered as a WebSocket subprotocol (`new WebSocket(url, ["openbat", key])`): clients that cannot set
 * headers on a WebSocket (Node's and the browser's) send it there. Only on an upgrade, which answers `openbat`.
 */
function socketProtocolKey(c: Context<AppEnv>): string | undefined {
  return c.req.header("upgrade")?.toLowerCase() === "websocket" ? protocolKey(c.req.header("sec-websocket-protocol")) : undefined;
}

/**
 * Access to one chatbot's data, for routes mounted both under `/api/v1/<thing>` (the key names the
 * chatbot) and under `/api/v1/chatbots/:chatbotId/<thing>` (the dashboard: a member session, or a key
 * of that chatbot). Members act with their role's reach: owners and admins as an admin key, members
 * as a read key. Another tenant's chatbot answers 404.
 */
export const requireChatbot = (...kinds: ApiKeyKind[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const chatbotId = c.req.param("chatbotId");
    const bearer = bearerToken(c.req.header("authorization")) ?? socketProtocolKey(c);
    if (bearer || !chatbotId) {
      const scope = await authenticate(c, bearer, kinds);
      if (chatbotId && scope.chatbotId !== chatbotId) throw notFound("chatbot");
    } else {
      const session = await requireSession(c);
      // The live feed's sockets remember the session they were opened with.
      c.set("session", session);
      const scope = await memberChatbotScope(c, session, chatbotId);
      if (!kinds.includes(scope.kind)) {
        throw new ApiError("forbidden", `your role (${scope.role}) cannot do this; ask an admin of the organization`);
      }
      c.set("auth", scope);
    }
    await next();
  });

/**
 * The session of a route only a member may call (organizations, members, switching, notifications). A key is
 * refused as any route refuses one: 401 when it is not a key at all, 403 when it is one (a key belongs to a
 * chatbot, not to a person).
 */
export async function memberSession(c: Context<AppEnv>) {
  const secret = bearerToken(c.req.header("authorization"));
  if (secret) {
    if (!(await findKey(c.get("authDb"), secret))) throw invalidKey();
    throw new ApiError("forbidden", "this route belongs to a member: log in to the dashboard (API keys have no member's rights)");
  }
  return requireSession(c, LOG_IN);
}

/** A member's session (and, on changes, its CSRF token), checked before the body is read: `c.get("session")`. */
export const sessionRequired = createMiddleware<AppEnv>(async (c, next) => {
  c.set("session", await memberSession(c));
  await next();
});
