/** What the account, organization, chatbot and key routes answer with. */
import { z } from "@hono/zod-openapi";
import { API_KEY_KINDS } from "../db/schema";
import { epochMs } from "./common";

export const role = z.enum(["owner", "admin", "member"]);

export const organizationSchema = z.object({ id: z.string(), name: z.string(), createdAt: epochMs }).openapi("Organization");
export const organizationWithRole = organizationSchema.extend({ role }).openapi("OrganizationWithRole");

export const sessionSchema = z
  .object({
    member: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    organizations: z.array(organizationWithRole),
    currentOrganizationId: z.string().nullable(),
    csrfToken: z.string().openapi({ description: "Send it as `x-csrf-token` on every change made with the session cookie" }),
    expiresAt: epochMs,
  })
  .openapi("MemberSession");

export const sessionStarted = z.object({ memberId: z.string(), csrfToken: z.string() }).openapi("SessionStarted");
export const accountCreated = sessionStarted.extend({ organizationId: z.string() }).openapi("AccountCreated");

export const memberSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role, joinedAt: epochMs }).openapi("OrganizationMember");

export const invitationSchema = z
  .object({ id: z.string(), email: z.string(), role, createdAt: epochMs, expiresAt: epochMs, acceptedAt: epochMs.nullable() })
  .openapi("Invitation");
export const createdInvitation = invitationSchema
  .extend({
    token: z.string().openapi({ description: "This link's token: accepts for someone logged in as the invited address" }),
    link: z.string().openapi({
      description:
        "The page that accepts it, to pass on: the invited person accepts logged in as the invited address. The invitation email carries a link of its own, the only one that also creates an account",
    }),
  })
  .openapi("CreatedInvitation");

export const chatbotSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    status: z.enum(["pending", "active", "archived"]),
    idleTimeoutMinutes: z.number().int(),
    createdAt: epochMs,
  })
  .openapi("Chatbot");

export const apiKeySchema = z
  .object({
    id: z.string(),
    kind: z.enum(API_KEY_KINDS),
    name: z.string(),
    prefix: z.string().openapi({ description: "Enough of the secret to recognise it; the secret itself is never shown again" }),
    allowedOrigins: z.array(z.string()).nullable(),
    expiresAt: epochMs.nullable(),
    revokedAt: epochMs.nullable(),
    lastUsedAt: epochMs.nullable(),
    createdAt: epochMs,
  })
  .openapi("ApiKey");
export const apiKeyWithSecret = apiKeySchema.extend({ secret: z.string().openapi({ description: "Shown this once" }) }).openapi("ApiKeyWithSecret");

export const sent = z.object({ sent: z.literal(true) });
