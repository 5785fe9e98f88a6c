/**
 * Building blocks for response schemas: the one envelope rule (`{ data }`, lists add `pagination`) and
 * the error envelope, each registered once as a named component of the document.
 */
import { z } from "@hono/zod-openapi";
import { ERROR_STATUS, type ErrorCode } from "../errors";

export const fieldIssue = z
  .object({ field: z.string().openapi({ description: "Dotted path of the offending field, e.g. `messages.3.role`" }), message: z.string() })
  .openapi("FieldIssue");

export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.array(fieldIssue).optional().openapi({ description: "For `invalid_request`: every field refused" }),
      requestId: z.string(),
    }),
  })
  .openapi("Error", { description: "The one error envelope every failure answers with" });

export const paginationSchema = z
  .object({ page: z.number().int(), limit: z.number().int(), total: z.number().int(), hasMore: z.boolean() })
  .openapi("Pagination");

/** `{ data: T }`. */
export const dataOf = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

/** `{ data: T[], pagination }`. */
export const pageOf = <T extends z.ZodType>(schema: T) => z.object({ data: z.array(schema), pagination: paginationSchema });

/** A JSON response of `schema` for the route's `responses`. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** `{ data: T }` as a route response. */
export const jsonData = <T extends z.ZodType>(schema: T, description: string) => json(dataOf(schema), description);

/**
 * A JSON request body for the route's `request`. One whose schema takes `{}` (every field optional: a PATCH, a
 * duplicate, a rotation) is optional: it may be left out, or sent empty (router.ts `jsonGuard`).
 */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: !schema.safeParse({}).success, content: { "application/json": { schema } } });

export const noContent = (description: string) => ({ description });

export const errorResponse = (description: string) => json(errorEnvelope, description);
