/**
 * Routes defined once with their schemas (@hono/zod-openapi): each route file declares its request and
 * response zod schemas with `apiRoute`, registers the handler with `router.openapi(route, handler)`, and
 * the OpenAPI document is generated from those same definitions (worker/openapi/document.ts).
 *
 * Validation failures of any request part go through `defaultHook` into the one error envelope
 * (worker/errors.ts); JSON bodies first pass `jsonGuard`, which answers 415, 413 and `invalid_json` as
 * `readJson` always has, before the schema sees them.
 */
import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError, validationError } from "../errors";
import { LIMITS } from "../../durable-objects/protocol";

/** Who may call a route: a kind of API key, a member session, or anyone. */
export type Access = "ingest" | "ingest_or_publishable" | "read" | "admin" | "read_key" | "member" | "public";

/** Where each request part is named in a validation error's `field` when the issue has no path. */
const WHERE: Record<string, string> = { json: "body", query: "query", param: "path", header: "header", cookie: "cookie" };

/** Every request part a schema refuses answers 400 `invalid_request` naming the field, never Hono's own answer. */
export const defaultHook = (result: { success: boolean; error?: unknown; target: string }, _c: Context) => {
  if (!result.success) throw validationError(result.error as Parameters<typeof validationError>[0], WHERE[result.target] ?? result.target);
};

export const apiRouter = () => new OpenAPIHono<AppEnv>({ defaultHook });

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b/i;

/**
 * Reads a JSON body the way every route always has: not JSON → 415, over the body limit → 413, not
 * parseable → 400 `invalid_json`. The parsed value is cached on the request for the schema validator.
 * An optional body may be left out entirely (no Content-Type, empty body).
 */
export const jsonGuard = (required: boolean) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!required && !type && (c.req.header("content-length") ?? "0") === "0" && !c.req.raw.body) return next();
    if (!JSON_TYPE.test(type)) throw new ApiError("unsupported_media_type", "send the body as JSON with `Content-Type: application/json`");
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > LIMITS.bodyBytes) throw tooLarge();
    const buffer = await c.req.arrayBuffer();
    if (buffer.byteLength > LIMITS.bodyBytes) throw tooLarge();
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(buffer));
    } catch {
      throw new ApiError("invalid_json", "body is not valid JSON");
    }
    c.req.bodyCache.json = Promise.resolve(json);
    await next();
  });

function tooLarge() {
  return new ApiError("payload_too_large", `body must be at most ${LIMITS.bodyBytes} bytes`);
}

/** The extension that carries a route's access rule into the document (read back by document.ts). */
export const ACCESS = "x-openbat-access";

/**
 * `createRoute` plus the house rules: who may call (`access`, turned into security and a sentence by the
 * document), the route's own middleware (auth narrowing) before `jsonGuard` before the validators.
 */
export function apiRoute<const R extends Omit<RouteConfig, "middleware"> & { middleware?: MiddlewareHandler<AppEnv>[] }>(access: Access, config: R) {
  const body = config.request?.body;
  const middleware = [...(config.middleware ?? []), ...(body ? [jsonGuard(body.required === true)] : [])];
  return createRoute({ ...config, middleware, [ACCESS]: access } as R & { middleware: MiddlewareHandler<AppEnv>[] });
}
