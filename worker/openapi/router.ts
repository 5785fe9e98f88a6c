/**
 * Routes defined once with their schemas (@hono/zod-openapi): each route file declares its request and
 * response zod schemas with `apiRoute`, registers the handler with `router.openapi(route, handler)`, and
 * the OpenAPI document is generated from those same definitions (worker/openapi/document.ts).
 *
 * Validation failures of any request part go through `defaultHook` into the one error envelope
 * (worker/errors.ts); JSON bodies first pass `jsonGuard`, which answers 415, 413 and `invalid_json` as
 * worker/input.ts's `readJsonBody`, before the schema sees them; a route without a body refuses one (`refuseBody`).
 */
import { createRoute, OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { fieldError, repeatedQueryError, unknownFieldsError, validationError } from "../errors";
import { JSON_CONTENT_TYPE, notJson, parse, readJsonBody } from "../input";

/** Who may call a route: a kind of API key, a member session, or anyone. */
export type Access = "ingest" | "ingest_or_publishable" | "read" | "admin" | "read_key" | "member" | "public";

/** Where each request part is named in a validation error's `field` when the issue has no path. */
const WHERE: Record<string, string> = { json: "body", query: "query", param: "path", header: "header", cookie: "cookie" };

/** Every request part a schema refuses answers 400 `invalid_request` naming the field, never Hono's own answer. */
export const defaultHook = (result: { success: boolean; error?: unknown; data?: unknown; target: string }, _c: Context) => {
  if (!result.success) throw validationError(result.error as Parameters<typeof validationError>[0], WHERE[result.target] ?? result.target, result.data);
};

export const apiRouter = () => new OpenAPIHono<AppEnv>({ defaultHook });

/**
 * Reads a JSON body the way every route always has (worker/input.ts: 415, 413, 400 `invalid_json`) and
 * caches the parsed value on the request for the schema validator. A body left out entirely reads as `{}`, with or
 * without a JSON Content-Type (clients that always send the header): an optional body is then absent, and a route
 * that requires fields refuses the missing ones by name, as it refuses `{}` — not 415, which is for a body sent as
 * another type (and for nothing declared as another type).
 */
export const jsonGuard = createMiddleware<AppEnv>(async (c, next) => {
  // A body left out may still arrive as an empty stream (curl -X POST through wrangler dev does), so it is
  // read. Hono caches it for readJsonBody.
  if ((c.req.header("content-length") ?? "0") === "0" && (!c.req.raw.body || (await c.req.arrayBuffer()).byteLength === 0)) {
    const type = c.req.header("content-type");
    if (type && !JSON_CONTENT_TYPE.test(type)) throw notJson();
    // The validator reads the cached body (as text, then parsed) when a JSON Content-Type was sent, and `{}` without one.
    // Hono's type for the cache names the values, though it holds promises of them.
    (c.req.bodyCache as Record<string, Promise<unknown>>).text = Promise.resolve("{}");
    c.req.bodyCache.json = Promise.resolve({});
    return next();
  }
  c.req.bodyCache.json = Promise.resolve(await readJsonBody(c));
  await next();
});

/** What a route that takes no body accepts as one: nothing, or an empty JSON object (clients that always send `{}`). */
const NO_BODY = z.object({}).strict();

/**
 * A route that takes no body refuses one rather than ignoring it (README "API": a field the route does not take
 * answers 400 naming it): a JSON body other than `{}` answers as a strict schema would, unparseable JSON
 * `invalid_json`, and a body of another type 400 naming `body` (`body: this route takes no body`, built as every other
 * refusal is). The request is not acted on.
 */
const refuseBody = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0) {
    if (!JSON_CONTENT_TYPE.test(c.req.header("content-type") ?? "")) {
      throw fieldError("body", "this route takes no body");
    }
    parse(NO_BODY, await readJsonBody(c), "body");
  }
  await next();
});

/**
 * A query parameter the route does not take is refused, as an unknown body field is (README "API"): a filter
 * guessed on a read that has none (`/analytics/overview?country=GB`) would otherwise answer unfiltered figures
 * as if filtered. The capture side (capture, the live socket, conversation tokens) ignores them instead
 * (`refuseUnknown` off), as capture ignores body fields it does not know: a stray parameter never costs a message.
 * One the route takes, given twice (`?limit=5&limit=5`), is refused on every route: each takes one value, and which
 * one counts would be a guess. Checked on the names alone, before the schema sees the values.
 */
const checkQueryNames = (taken: ReadonlySet<string>, refuseUnknown: boolean) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const names = [...new URL(c.req.url).searchParams.keys()];
    const unknown = refuseUnknown ? [...new Set(names)].filter((name) => !taken.has(name)) : [];
    if (unknown.length) throw unknownFieldsError(unknown);
    const twice = [...new Set(names.filter((name, i) => taken.has(name) && names.indexOf(name) !== i))];
    if (twice.length) throw repeatedQueryError(twice);
    await next();
  });

/** The names a route's query schema takes; every query schema is an object, so none can be left unchecked. */
function queryNames(query: unknown): ReadonlySet<string> {
  if (query === undefined) return new Set();
  if (!(query instanceof z.ZodObject)) throw new Error("a route's query schema must be a z.object, so unknown parameters can be refused");
  return new Set(Object.keys(query.shape));
}

/** Methods whose requests may carry a body; a route of one of them without a body schema refuses one (`refuseBody`). */
const BODY_METHODS: ReadonlySet<string> = new Set(["post", "put", "patch", "delete"]);

/** The extension that carries a route's access rule into the document (read back by document.ts). */
export const ACCESS = "x-openbat-access";

/**
 * `createRoute` plus the house rules: who may call (`access`, turned into security and a sentence by the
 * document), the route's own middleware (auth narrowing) before `jsonGuard` before the validators.
 */
export function apiRoute<const R extends Omit<RouteConfig, "middleware"> & { middleware?: MiddlewareHandler<AppEnv>[] }>(access: Access, config: R) {
  const body = config.request?.body;
  const guard = body ? [jsonGuard] : BODY_METHODS.has(config.method) ? [refuseBody] : [];
  const taken = queryNames(config.request?.query);
  const captureSide = access === "ingest" || access === "ingest_or_publishable";
  const query = captureSide && taken.size === 0 ? [] : [checkQueryNames(taken, !captureSide)];
  const middleware = [...(config.middleware ?? []), ...query, ...guard];
  return createRoute({ ...config, middleware, [ACCESS]: access } as R & { middleware: MiddlewareHandler<AppEnv>[] });
}
