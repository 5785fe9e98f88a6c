/** What the webhook destination routes answer with. */
import { z } from "@hono/zod-openapi";
import { DESTINATION_KINDS } from "../db/schema";

const epochMs = z.number().int().openapi({ description: "Epoch milliseconds" });

export const destinationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(DESTINATION_KINDS),
    url: z.string().openapi({ description: "The receiver's URL; to a read key or a member without admin rights only its origin (`https://hooks.slack.com/…`), since the URL can itself be a credential" }),
    secretPrefix: z.string().openapi({ description: "The first 12 characters of the current `whsec_` secret" }),
    previousSecretExpiresAt: epochMs.nullable().openapi({ description: "Until when the secret replaced by the last rotation still signs beside the current one; null when only the current one signs" }),
    status: z.enum(["active", "disabled"]),
    disabledReason: z.string().nullable(),
    createdAt: epochMs,
  })
  .openapi("WebhookDestination");

export const destinationWithSecretSchema = destinationSchema
  .extend({ secret: z.string().openapi({ description: "The `whsec_` signing secret, shown this once" }) })
  .openapi("WebhookDestinationWithSecret");

export const testSendSchema = z
  .object({
    ok: z.boolean().openapi({ description: "The receiver answered 2xx" }),
    status: z.number().int().nullable().openapi({ description: "The receiver's HTTP status; null when nothing was answered" }),
    durationMs: z.number().int(),
    response: z.string().nullable().openapi({ description: "The first KB of the answer, or why nothing was sent" }),
  })
  .openapi("TestSendResult");

export const destinationIdParams = z.object({ id: z.string().openapi({ description: "A webhook destination id (`dst_…`)" }) });
