/**
 * Delivering one webhook (the Queue consumer's work). Every attempt is recorded. 2xx succeeds; 410 Gone
 * disables the destination; other 4xx (but 408 and 429) and every 3xx (redirects are never followed) fail
 * at once; a destination the address check refuses at send time fails at once; anything else is retried with
 * growing, jittered delays over about a day, or after the receiver's Retry-After when that is longer. A
 * delivery deleted with its workflow (or destination), before or while it is sent, is dropped, not retried.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { deliveries, deliveryAttempts, webhookDestinations, workflowRuns, workflows } from "../db/schema";
import { newId } from "../services/ids";
import { decryptSecret, UnreadableSecretError } from "./secrets";
import { sign } from "./signing";
import { assertDeliverable, ResolverUnavailableError, type UrlPolicy } from "./ssrf";

/** Delay before retry n (1-based), in seconds: about 24 hours over 10 retries before the jitter. */
export const RETRY_DELAYS = [10, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 28_800];
/** Cloudflare Queues accept delays up to 12 hours. */
const MAX_QUEUE_DELAY = 43_200;
const TIMEOUT_MS = 10_000;
const RESPONSE_KEEP = 1024;

export type DeliveryOutcome = { kind: "done" } | { kind: "retry"; delaySeconds: number };

export function retryDelay(attempt: number, retryAfter: number | null, random = Math.random): number {
  const base = RETRY_DELAYS[Math.min(attempt, RETRY_DELAYS.length) - 1] ?? RETRY_DELAYS[RETRY_DELAYS.length - 1]!;
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.min(MAX_QUEUE_DELAY, Math.max(jittered, retryAfter ?? 0));
}

/** Retry-After as seconds (delta or HTTP date), or null. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function urlPolicy(env: Env): UrlPolicy {
  return {
    allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK === "true",
    ownHosts: (env.OWN_HOSTS ?? "").split(",").map((h) => h.trim()).filter(Boolean),
  };
}

interface Loaded {
  delivery: typeof deliveries.$inferSelect;
  destination: typeof webhookDestinations.$inferSelect;
  run: typeof workflowRuns.$inferSelect;
}

async function load(db: Db, deliveryId: string): Promise<Loaded | undefined> {
  return db
    .select({ delivery: deliveries, destination: webhookDestinations, run: workflowRuns })
    .from(deliveries)
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, deliveries.destinationId))
    .innerJoin(workflowRuns, eq(workflowRuns.id, deliveries.runId))
    .where(eq(deliveries.id, deliveryId))
    .get();
}

/** A redirect is never followed (it could lead past the address check) nor retried (it would answer the same). */
const isRedirect = (status: number) => status >= 300 && status < 400;

export interface SendResult {
  status: number | null;
  durationMs: number;
  /** The first KB of the answer, or why nothing was sent. */
  response: string;
  retryAfter: number | null;
  /** Set when trying again cannot help: the address check refused the URL, or the receiver redirected. */
  permanentFailure?: string;
}

/** Sends a signed request and reports what came back; never throws. */
export async function send(
  env: Env,
  destination: SigningDestination,
  webhookId: string,
  body: string,
): Promise<SendResult> {
  const started = Date.now();
  try {
    await assertDeliverable(destination.url, urlPolicy(env));
  } catch (error) {
    // Refused by the address check (DNS may have changed since the destination was saved); only a
    // look-up that could not be made right now is worth retrying.
    const message = error instanceof Error ? error.message : String(error);
    const permanentFailure = error instanceof ResolverUnavailableError ? undefined : `destination refused: ${message}`;
    return { status: null, durationMs: 0, response: message, retryAfter: null, permanentFailure };
  }
  try {
    const headers = await sign(await signingSecrets(env, destination), webhookId, Math.floor(Date.now() / 1000), body);
    const res = await fetch(destination.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "OpenBat-Webhooks/1", ...headers },
      body,
      redirect: "manual", // a redirect could lead anywhere, past the address check
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text().catch(() => "");
    const durationMs = Date.now() - started;
    if (isRedirect(res.status)) {
      // Recorded on the attempt, so whoever reads the run sees why it stopped.
      const reason = `HTTP ${res.status} redirect to ${(res.headers.get("location") ?? "nowhere").slice(0, 300)} not followed (webhooks never follow redirects)`;
      return { status: res.status, durationMs, response: (text ? `${reason}; answer: ${text}` : reason).slice(0, RESPONSE_KEEP), retryAfter: null, permanentFailure: reason };
    }
    return { status: res.status, durationMs, response: text.slice(0, RESPONSE_KEEP), retryAfter: parseRetryAfter(res.headers.get("retry-after")) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { status: null, durationMs: Date.now() - started, response: message.slice(0, RESPONSE_KEEP), retryAfter: null };
  }
}

export interface SigningDestination {
  url: string;
  secretCiphertext: string;
  previousSecretCiphertext?: string | null;
  previousSecretExpiresAt?: number | null;
}

/** The current secret, then the one a rotation replaced while its overlap window lasts. */
async function signingSecrets(env: Env, destination: SigningDestination, now = Date.now()): Promise<string[]> {
  const current = await decryptSecret(env.SECRETS_KEY, destination.secretCiphertext);
  const { previousSecretCiphertext: previous, previousSecretExpiresAt: until } = destination;
  if (!previous || until == null || until <= now) return [current];
  // A previous secret sealed under an earlier SECRETS_KEY is left out: the current one still signs.
  const earlier = await decryptSecret(env.SECRETS_KEY, previous).catch((error: unknown) => {
    if (error instanceof UnreadableSecretError) return null;
    throw error;
  });
  return earlier === null ? [current] : [current, earlier];
}

const permanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/** Delivers (or re-delivers) one delivery; `attempt` is the Queue's attempt count (1 on first delivery). */
export async function deliver(env: Env, deliveryId: string, attempt: number, maxAttempts = RETRY_DELAYS.length + 1): Promise<DeliveryOutcome> {
  const db = createDb(env.DB);
  const loaded = await load(db, deliveryId);
  if (!loaded) {
    // Deleted since it was queued, with its workflow, destination, conversation or chatbot: nothing to send.
    console.info("webhook delivery dropped: it was deleted (with its workflow, destination, conversation or chatbot) before it was sent", { deliveryId });
    return { kind: "done" };
  }
  // Already settled by an earlier copy of this message: nothing to do.
  if (loaded.delivery.status !== "pending") return { kind: "done" };
  const { delivery, destination, run } = loaded;
  const now = Date.now();

  if (destination.status !== "active") {
    // No attempt while it is disabled (a 410, a person): the delivery fails, and its run with it, so the run can be
    // retried once the destination is enabled. Never `skipped` here: the run's other deliveries may have been made.
    return fail(db, delivery.id, run.id, `destination ${destination.name} is disabled: enable it, then retry the run`);
  }
  if (run.status === "pending") await setRunStatus(db, run.id, "triggered", null, now);

  const result = await send(env, destination, delivery.id, delivery.payload);
  try {
    await recordAttempt(db, delivery, result);
  } catch (error) {
    // Only a delivery that is gone is dropped; any other failure (or a check that fails too) is ours, and retried.
    if (await exists(db, deliveries, delivery.id).catch(() => true)) throw error;
    return dropped(db, loaded);
  }

  const status = result.status;
  if (result.permanentFailure) return fail(db, delivery.id, run.id, result.permanentFailure);
  if (status !== null && status >= 200 && status < 300) {
    await settle(db, delivery.id, "success", Date.now());
    await recomputeRun(db, run.id);
    return { kind: "done" };
  }
  if (status === 410) {
    await db
      .update(webhookDestinations)
      .set({ status: "disabled", disabledReason: "the receiver answered 410 Gone" })
      .where(eq(webhookDestinations.id, destination.id));
    return fail(db, delivery.id, run.id, "410 Gone: destination disabled");
  }
  if (status !== null && permanent(status)) return fail(db, delivery.id, run.id, `permanent error: HTTP ${status}`);
  if (attempt >= maxAttempts) return fail(db, delivery.id, run.id, `gave up after ${attempt} attempts (last: ${status ?? result.response})`);
  return { kind: "retry", delaySeconds: retryDelay(attempt, result.retryAfter) };
}

/** The attempt, and the delivery's count of them, in one transaction. */
async function recordAttempt(db: Db, delivery: Loaded["delivery"], result: SendResult): Promise<void> {
  await db.batch([
    db.insert(deliveryAttempts).values({
      id: newId("att"),
      deliveryId: delivery.id,
      attempt: delivery.attempts + 1,
      statusCode: result.status,
      durationMs: result.durationMs,
      response: result.response,
      createdAt: Date.now(),
    }),
    db.update(deliveries).set({ attempts: sql`${deliveries.attempts} + 1`, updatedAt: Date.now() }).where(eq(deliveries.id, delivery.id)),
  ]);
}

/**
 * The delivery was deleted while it was being sent: deleting its workflow (or its destination) deletes its runs
 * and deliveries with it, so the attempt could not be recorded (D1: "FOREIGN KEY constraint failed"). That is
 * no failure to retry — there is nothing left to deliver for — so the message is done, and said so at info level.
 */
async function dropped(db: Db, { delivery, destination, run }: Loaded): Promise<DeliveryOutcome> {
  const [workflowLeft, destinationLeft] = await Promise.all([exists(db, workflows, run.workflowId), exists(db, webhookDestinations, destination.id)]);
  const why = !workflowLeft ? "its workflow was deleted" : !destinationLeft ? "its destination was deleted" : "it was deleted";
  console.info(`webhook delivery dropped: ${why} while it was being sent`, { deliveryId: delivery.id, workflowId: run.workflowId, destinationId: destination.id });
  return { kind: "done" };
}

async function exists(db: Db, table: typeof deliveries | typeof workflows | typeof webhookDestinations, id: string): Promise<boolean> {
  return (await db.select({ id: table.id }).from(table).where(eq(table.id, id)).get()) !== undefined;
}

/** What the dead-letter queue holds could not be delivered: it ends `failed`. */
export async function markDeadLettered(env: Env, deliveryId: string): Promise<void> {
  const db = createDb(env.DB);
  const loaded = await load(db, deliveryId);
  if (!loaded || loaded.delivery.status !== "pending") return;
  await fail(db, deliveryId, loaded.run.id, "retries exhausted (dead-letter queue)");
}

async function fail(db: Db, deliveryId: string, runId: string, reason: string): Promise<DeliveryOutcome> {
  await settle(db, deliveryId, "failed", Date.now());
  await setRunStatus(db, runId, "failed", reason, Date.now());
  return { kind: "done" };
}

async function settle(db: Db, deliveryId: string, status: "success" | "failed", now: number): Promise<void> {
  await db.update(deliveries).set({ status, updatedAt: now }).where(eq(deliveries.id, deliveryId));
}

async function setRunStatus(db: Db, runId: string, status: (typeof workflowRuns.$inferSelect)["status"], reason: string | null, now: number) {
  await db.update(workflowRuns).set({ status, reason, updatedAt: now }).where(eq(workflowRuns.id, runId));
}

/** A run succeeds once all its deliveries have; a failure has already marked it failed. */
async function recomputeRun(db: Db, runId: string): Promise<void> {
  const open = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.runId, runId), ne(deliveries.status, "success")))
    .limit(1);
  if (!open.length) {
    await db
      .update(workflowRuns)
      .set({ status: "success", reason: null, updatedAt: Date.now() })
      .where(and(eq(workflowRuns.id, runId), ne(workflowRuns.status, "failed")));
  }
}
