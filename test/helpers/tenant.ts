import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { chatbots, organizations } from "../../worker/db/schema";
import { newId } from "../../worker/services/ids";
import { createKey } from "../../worker/services/keys";

export interface Tenant {
  organizationId: string;
  chatbotId: string;
  ingestKey: string;
  publishableKey: string;
  readKey: string;
  adminKey: string;
}

/** A fresh organization with one chatbot and one key of each kind. */
export async function createTenant(options: { idleTimeoutMinutes?: number; allowedOrigins?: string[] } = {}): Promise<Tenant> {
  const db = createDb(env.DB);
  const organizationId = newId("org");
  const chatbotId = newId("cb");
  await db.insert(organizations).values({ id: organizationId, name: "Acme" });
  await db.insert(chatbots).values({ id: chatbotId, organizationId, name: "Support bot", idleTimeoutMinutes: options.idleTimeoutMinutes ?? 30 });
  const make = async (kind: "ingest" | "publishable" | "read" | "admin") =>
    (await createKey(db, { organizationId, chatbotId, kind, name: kind, allowedOrigins: kind === "publishable" ? options.allowedOrigins : undefined })).secret;
  return {
    organizationId,
    chatbotId,
    ingestKey: await make("ingest"),
    publishableKey: await make("publishable"),
    readKey: await make("read"),
    adminKey: await make("admin"),
  };
}
