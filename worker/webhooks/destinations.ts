/** Webhook destinations per chatbot: create (secret shown once), read, change, rotate the secret, delete (when no workflow uses it), test-send. */
import { and, desc, eq, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { DESTINATION_KINDS, webhookDestinations, workflows } from "../db/schema";
import { ApiError, notFound } from "../errors";
import { requireSecret } from "../services/deployment-secrets";
import { newId } from "../services/ids";
import { send, urlPolicy } from "./delivery";
import { decryptSecret, encryptSecret, generateSigningSecret, UnreadableSecretError } from "./secrets";
import { assertDeliverable } from "./ssrf";
import { chatBody, escapeFor } from "../workflows/payload";
import { nameText, NO_CONTROL_CHARACTERS } from "../schemas/names";

const destinationUrl = z.string().trim().max(2048).regex(NO_CONTROL_CHARACTERS, "must not contain control characters");

export const destinationInput = z.object({
  name: nameText(120),
  kind: z.enum(DESTINATION_KINDS).default("custom"),
  url: destinationUrl,
}).strict();

/** Any subset of a destination's name, kind and URL (a new URL passes the same address check). */
export const destinationPatch = z
  .object({
    name: nameText(120),
    kind: z.enum(DESTINATION_KINDS),
    url: destinationUrl,
  })
  .partial()
  .strict();

/** How long the replaced secret keeps signing after a rotation: a day by default, at most a week, 0 for none. */
export const DEFAULT_OVERLAP_SECONDS = 86_400;
export const rotateBody = z.object({
  overlapSeconds: z.number().int().min(0).max(604_800).default(DEFAULT_OVERLAP_SECONDS),
}).strict();

type Row = typeof webhookDestinations.$inferSelect;

export function destinationView(d: Row) {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    url: d.url,
    secretPrefix: d.secretPrefix,
    /** Until when the secret replaced by the last rotation still signs too (null: only the current one signs). */
    previousSecretExpiresAt: d.previousSecretCiphertext && d.previousSecretExpiresAt && d.previousSecretExpiresAt > Date.now() ? d.previousSecretExpiresAt : null,
    status: d.status,
    disabledReason: d.disabledReason,
    createdAt: d.createdAt,
  };
}

/**
 * A destination as someone who may look but not change it sees it (a read key, a member without admin rights):
 * its URL cut to the origin, since a Slack or Discord webhook URL — or a custom one with a token in it — lets
 * whoever holds it post to the receiver.
 */
export function readerView(view: ReturnType<typeof destinationView>) {
  return { ...view, url: `${new URL(view.url).origin}/…` };
}

function addressPolicy(env: Env, ownHost?: string) {
  const policy = urlPolicy(env);
  return { ...policy, ownHosts: [...policy.ownHosts, ...(ownHost ? [ownHost] : [])] };
}

export async function createDestination(
  db: Db,
  env: Env,
  scope: { organizationId: string; chatbotId: string },
  input: z.infer<typeof destinationInput>,
  ownHost?: string,
) {
  await assertDeliverable(input.url, addressPolicy(env, ownHost));
  const secret = generateSigningSecret();
  const row: Row = {
    id: newId("dst"),
    organizationId: scope.organizationId,
    chatbotId: scope.chatbotId,
    name: input.name,
    kind: input.kind,
    url: input.url,
    secretCiphertext: await encryptSecret(env.SECRETS_KEY, secret),
    secretPrefix: secret.slice(0, 12),
    previousSecretCiphertext: null,
    previousSecretExpiresAt: null,
    status: "active",
    disabledReason: null,
    createdAt: Date.now(),
  };
  await db.insert(webhookDestinations).values(row);
  return { ...destinationView(row), secret };
}

export async function listDestinations(db: Db, chatbotId: string) {
  const rows = await db.select().from(webhookDestinations).where(eq(webhookDestinations.chatbotId, chatbotId)).orderBy(desc(webhookDestinations.createdAt));
  return rows.map(destinationView);
}

export async function getDestination(db: Db, chatbotId: string, id: string): Promise<Row> {
  const row = await db.select().from(webhookDestinations).where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId))).get();
  if (!row) throw notFound("webhook destination");
  return row;
}

export async function updateDestination(
  db: Db,
  env: Env,
  chatbotId: string,
  id: string,
  patch: z.infer<typeof destinationPatch>,
  ownHost?: string,
) {
  const current = await getDestination(db, chatbotId, id);
  if (patch.url !== undefined && patch.url !== current.url) await assertDeliverable(patch.url, addressPolicy(env, ownHost));
  if (!Object.keys(patch).length) return destinationView(current);
  const [row] = await db
    .update(webhookDestinations)
    .set(patch)
    .where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId)))
    .returning();
  if (!row) throw notFound("webhook destination");
  return destinationView(row);
}

/** Tries of a rotation while other rotations of the same destination keep landing first. */
const ROTATE_ATTEMPTS = 3;

/**
 * A new signing secret, shown this once. The one it replaces keeps signing beside it for `overlapSeconds`
 * (deliveries carry both signatures meanwhile), so the receiver can switch without refusing a delivery.
 * A second rotation inside the window drops the oldest secret: only the two latest ever sign.
 *
 * Two rotations at once both read the same current secret; written back unconditionally, the second would drop the
 * first one's new secret, shown to its caller and never used to sign. So the write happens only if the current
 * secret is still the one read (a ciphertext is never written twice: each has its own IV), and a rotation that
 * lost is made again on top of the winner's, as a rotation inside its window. After ROTATE_ATTEMPTS, 409.
 */
export async function rotateDestinationSecret(db: Db, env: Env, chatbotId: string, id: string, input: z.infer<typeof rotateBody>) {
  for (let attempt = 0; attempt < ROTATE_ATTEMPTS; attempt += 1) {
    const current = await getDestination(db, chatbotId, id);
    const secret = generateSigningSecret();
    // A secret sealed under an earlier SECRETS_KEY can no longer sign: no overlap is promised for it.
    const overlapping = input.overlapSeconds > 0 && (await readable(env, current.secretCiphertext));
    const [row] = await db
      .update(webhookDestinations)
      .set({
        secretCiphertext: await encryptSecret(env.SECRETS_KEY, secret),
        secretPrefix: secret.slice(0, 12),
        previousSecretCiphertext: overlapping ? current.secretCiphertext : null,
        previousSecretExpiresAt: overlapping ? Date.now() + input.overlapSeconds * 1000 : null,
      })
      .where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId), eq(webhookDestinations.secretCiphertext, current.secretCiphertext)))
      .returning();
    // No row: rotated by another request since the read (or deleted: the next read says 404).
    if (row) return { ...destinationView(row), secret };
  }
  throw new ApiError("conflict", "the destination's secret kept being rotated by other requests while this rotation was being saved: try again");
}

/** Whether this deployment's SECRETS_KEY opens a stored secret (another error, such as a missing key, is thrown). */
async function readable(env: Env, ciphertext: string): Promise<boolean> {
  return decryptSecret(env.SECRETS_KEY, ciphertext).then(
    () => true,
    (error: unknown) => {
      if (error instanceof UnreadableSecretError) return false;
      throw error;
    },
  );
}

/** Workflows of the chatbot with an action that posts to the destination (a workflow's actions are JSON: workflows/schema.ts). */
const postsTo = (chatbotId: string, destinationId: string) =>
  and(eq(workflows.chatbotId, chatbotId), sql`EXISTS (SELECT 1 FROM json_each(${workflows.actions}) WHERE json_extract(value, '$.destinationId') = ${destinationId})`);

/** Workflows named in a refusal's message; the rest are counted. */
const NAMED_WORKFLOWS = 10;

/**
 * Deletes a destination no workflow posts to. One a workflow still uses answers 409 naming those workflows, active or
 * not: deleting it would leave them pointing at nothing, their runs skipped, with no one told. The check is in the
 * delete itself, so a workflow saved just before cannot slip between the two, and the workflows named are read in
 * the same batch (one transaction): the ones that refused the delete, never a count of none.
 */
export async function deleteDestination(db: Db, chatbotId: string, id: string): Promise<void> {
  const [destination, deleted, users] = await db.batch([
    db.select({ name: webhookDestinations.name }).from(webhookDestinations).where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId))),
    db
      .delete(webhookDestinations)
      .where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId), notExists(db.select({ id: workflows.id }).from(workflows).where(postsTo(chatbotId, id)))))
      .returning({ id: webhookDestinations.id }),
    db.select({ id: workflows.id, name: workflows.name }).from(workflows).where(postsTo(chatbotId, id)).orderBy(workflows.createdAt, workflows.id),
  ]);
  if (deleted.length) return;
  if (!destination[0]) throw notFound("webhook destination");
  throw inUse(destination[0].name, users);
}

/** The refusal of a delete that would leave workflows without their destination, naming them and what to do. */
function inUse(name: string, users: { id: string; name: string }[]): ApiError {
  const one = users.length === 1;
  const named = users.slice(0, NAMED_WORKFLOWS).map((w) => `"${w.name}" (${w.id})`);
  const more = users.length > NAMED_WORKFLOWS ? ` and ${users.length - NAMED_WORKFLOWS} more` : "";
  return new ApiError(
    "conflict",
    `webhook destination "${name}" is used by ${users.length} workflow${one ? "" : "s"}: ${named.join(", ")}${more}; remove it from ${one ? "its" : "their"} actions, or delete ${one ? "it" : "them"}, first`,
  );
}

/** Re-enables a destination a 410 (or a person) disabled. */
export async function enableDestination(db: Db, chatbotId: string, id: string) {
  const [row] = await db
    .update(webhookDestinations)
    .set({ status: "active", disabledReason: null })
    .where(and(eq(webhookDestinations.id, id), eq(webhookDestinations.chatbotId, chatbotId)))
    .returning();
  if (!row) throw notFound("webhook destination");
  return destinationView(row);
}

/** Sends a signed sample event right away and reports what the receiver answered. */
export async function testDestination(env: Env, destination: Row) {
  // Nothing can be signed without it: the deployment's fault (503), not the receiver's (`ok: false`).
  requireSecret(env.SECRETS_KEY, "SECRETS_KEY");
  // The destination's name is escaped for its chat and the body built as a delivery's, so a test cannot ping anyone.
  const text = `Test from OpenBat: your destination "${escapeFor(destination.kind)(destination.name)}" is wired up.`;
  const body = destination.kind === "custom" ? JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), text }) : chatBody(destination.kind, text);
  const result = await send(env, destination, newId("msg"), body);
  return {
    ok: result.status !== null && result.status >= 200 && result.status < 300,
    status: result.status,
    durationMs: result.durationMs,
    response: result.response,
  };
}
