/** Workflows per chatbot: CRUD, runs with their delivery attempts, retry by hand. */
import { and, count, desc, eq, exists, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { conversations, deliveries, deliveryAttempts, memberships, webhookDestinations, workflowRuns, workflows } from "../db/schema";
import { ApiError, notFound, fieldError } from "../errors";
import { newId } from "../services/ids";
import { STARTER_SLUGS, WORKFLOW_TEMPLATES } from "./templates";
import { isEmailAction, isInAppAction, isWebhookAction, workflowInput, workflowPatch, type Condition, type WorkflowInput } from "./schema";
import { forgetWorkflows, type DeliveryMessage } from "./trigger";
import { nameText } from "../schemas/names";
import { loadConfig, type AnalysisConfig } from "../analysis/config";
import { knownSlugs, noSuchSlug } from "../services/filter-references";
import { queryNumber } from "../schemas/common";

type Scope = { organizationId: string; chatbotId: string };
type Row = typeof workflows.$inferSelect;

/**
 * Create from a starter template: nothing else is needed. Without a destination it notifies every owner
 * and admin of the organization in the app, so a team has alerts without setting up a webhook.
 */
export const fromTemplate = z.object({
  template: z.enum(STARTER_SLUGS),
  destinationId: z.string().min(1).optional(),
  name: nameText(120).optional(),
  status: z.enum(["active", "inactive"]).default("active"),
}).strict();

export function expandTemplate(input: z.infer<typeof fromTemplate>): WorkflowInput {
  const t = WORKFLOW_TEMPLATES.find((x) => x.slug === input.template)!;
  return workflowInput.parse({
    name: input.name ?? t.name,
    trigger: t.trigger,
    match: t.match,
    conditions: t.conditions,
    actions: [input.destinationId ? { destinationId: input.destinationId, template: t.messageTemplate } : { type: "in_app", to: "admins", template: t.messageTemplate }],
    status: input.status,
    template: t.slug,
  });
}

export function workflowView(w: Row) {
  return {
    id: w.id,
    name: w.name,
    trigger: w.trigger,
    match: w.match,
    conditions: w.conditions,
    actions: w.actions,
    cooldown: w.cooldown,
    status: w.status,
    template: w.template,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

/** Every webhook action must name a destination of this chatbot. */
async function checkDestinations(db: Db, chatbotId: string, input: WorkflowInput): Promise<void> {
  const ids = input.actions.filter(isWebhookAction).map((a) => a.destinationId);
  if (!ids.length) return;
  const found = await db
    .select({ id: webhookDestinations.id })
    .from(webhookDestinations)
    .where(and(eq(webhookDestinations.chatbotId, chatbotId), inArray(webhookDestinations.id, ids)));
  const known = new Set(found.map((f) => f.id));
  const missing = input.actions.findIndex((a) => isWebhookAction(a) && !known.has(a.destinationId));
  if (missing >= 0) {
    const field = `actions.${missing}.destinationId`;
    throw fieldError(field, "no such webhook destination");
  }
}

/**
 * True in SQL while every webhook destination the actions name is still the chatbot's (undefined when they name
 * none). The write that follows the checks is guarded by it, so a destination deleted after its check cannot
 * leave a workflow pointing at nothing: the delete (webhooks/destinations.ts) is guarded the other way round, and
 * D1 runs one statement at a time.
 */
function destinationsExist(db: Db, chatbotId: string, input: WorkflowInput): SQL | undefined {
  const ids = [...new Set(input.actions.filter(isWebhookAction).map((a) => a.destinationId))];
  if (!ids.length) return undefined;
  const one = (id: string) => exists(db.select({ id: webhookDestinations.id }).from(webhookDestinations).where(and(eq(webhookDestinations.chatbotId, chatbotId), eq(webhookDestinations.id, id))));
  return and(...ids.map(one));
}

/** A guarded write found a destination gone since its check: answers as the check would have (400 naming the action). */
async function destinationGone(db: Db, chatbotId: string, input: WorkflowInput): Promise<never> {
  await checkDestinations(db, chatbotId, input);
  // Not reached: destination ids are never reused, so one gone stays gone.
  throw notFound("webhook destination");
}

/** Inserts the row only while `guard` holds, in one statement (INSERT … SELECT … WHERE); answers whether it did. */
async function insertWhere(db: Db, row: Row, guard: SQL): Promise<boolean> {
  const values = Object.entries(getTableColumns(workflows)).map(([key, column]) => sql.param(row[key as keyof Row], column));
  const written = await db
    .insert(workflows)
    .select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${guard}`)
    .returning({ id: workflows.id });
  return written.length > 0;
}

type FlagOrBehaviourCondition = Extract<Condition, { field: "flag" | "behaviour" }>;
const namesFlagOrBehaviour = (c: Condition): c is FlagOrBehaviourCondition => c.field === "flag" || c.field === "behaviour";

/**
 * A flag or behaviour condition names one the chatbot has, built-in or its own: a misspelt slug would make a
 * workflow that silently never fires. Intents and topics stay open: suggestions and discovered topics name
 * new ones as messages come.
 */
async function checkConditions(db: Db, chatbotId: string, input: WorkflowInput): Promise<void> {
  if (!input.conditions.some(namesFlagOrBehaviour)) return;
  const known = knownSlugs(await loadConfig(db, chatbotId));
  const unknown = input.conditions.findIndex((c) => namesFlagOrBehaviour(c) && !known[c.field].includes(c.value));
  const c = input.conditions[unknown];
  if (c && namesFlagOrBehaviour(c)) throw fieldError(`conditions.${unknown}.value`, noSuchSlug(c.field, c.value, known[c.field]));
}

/**
 * What the analysis configuration's answer warns of: the chatbot's workflows with a condition on a flag or behaviour
 * it no longer has (a custom one removed since) or has switched off. Such a condition is never met, or always, for
 * `not_detected`: the workflow was valid when saved, and nothing else would say it has stopped working as meant.
 */
export async function workflowsOnMissingSlugs(db: Db, chatbotId: string, config: AnalysisConfig): Promise<string[]> {
  const known = knownSlugs(config);
  const off = (c: FlagOrBehaviourCondition) => (c.field === "flag" ? config.flags : config.behaviours)[c.value as never] === false;
  const rows = await db.select({ id: workflows.id, name: workflows.name, conditions: workflows.conditions }).from(workflows).where(eq(workflows.chatbotId, chatbotId)).orderBy(workflows.createdAt, workflows.id);
  return rows.flatMap((w) =>
    w.conditions.filter(namesFlagOrBehaviour).flatMap((c) => {
      const missing = !known[c.field].includes(c.value);
      if (!missing && !off(c)) return [];
      return [`workflow "${w.name}" (${w.id}) has a condition on the ${c.field} "${c.value}", which this chatbot ${missing ? "no longer has" : "has switched off"}: no message will raise it`];
    }),
  );
}

/** Members an email or in-app action names, by action. */
const namedMembers = (a: WorkflowInput["actions"][number]): string[] | null => ((isEmailAction(a) || isInAppAction(a)) && Array.isArray(a.to) ? a.to : null);

/** Every member an email or in-app action names must belong to the chatbot's organization (another's answers the same). */
async function checkRecipients(db: Db, organizationId: string, input: WorkflowInput): Promise<void> {
  const named = input.actions.flatMap((a) => namedMembers(a) ?? []);
  if (!named.length) return;
  const found = await db
    .select({ id: memberships.memberId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.memberId, named)));
  const known = new Set(found.map((f) => f.id));
  for (const [i, a] of input.actions.entries()) {
    const to = namedMembers(a);
    if (!to) continue;
    const j = to.findIndex((id) => !known.has(id));
    if (j >= 0) {
      const field = `actions.${i}.to.${j}`;
      throw fieldError(field, "no such member in this organization");
    }
  }
}

async function checkActions(db: Db, scope: Scope, input: WorkflowInput): Promise<void> {
  await checkDestinations(db, scope.chatbotId, input);
  await checkRecipients(db, scope.organizationId, input);
}

export async function createWorkflow(db: Db, scope: Scope, input: WorkflowInput) {
  await checkConditions(db, scope.chatbotId, input);
  await checkActions(db, scope, input);
  const now = Date.now();
  const row: Row = {
    id: newId("wf"),
    organizationId: scope.organizationId,
    chatbotId: scope.chatbotId,
    name: input.name,
    trigger: input.trigger,
    match: input.match,
    conditions: input.conditions,
    actions: input.actions,
    cooldown: input.cooldown,
    status: input.status,
    template: input.template ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const guard = destinationsExist(db, scope.chatbotId, input);
  if (!guard) await db.insert(workflows).values(row);
  else if (!(await insertWhere(db, row, guard))) await destinationGone(db, scope.chatbotId, input);
  forgetWorkflows(scope.chatbotId);
  return workflowView(row);
}

export async function getWorkflow(db: Db, chatbotId: string, id: string): Promise<Row> {
  const row = await db.select().from(workflows).where(and(eq(workflows.id, id), eq(workflows.chatbotId, chatbotId))).get();
  if (!row) throw notFound("workflow");
  return row;
}

export async function listWorkflows(db: Db, chatbotId: string) {
  const rows = await db.select().from(workflows).where(eq(workflows.chatbotId, chatbotId)).orderBy(desc(workflows.createdAt));
  return rows.map(workflowView);
}

/** Tries of a change to a workflow other requests keep changing meanwhile; each lost race costs two quick queries. */
const UPDATE_ATTEMPTS = 5;

/**
 * Applies a PATCH: the fields it names, merged into the workflow and checked as a whole. Two PATCHes at once both
 * read the same workflow; a plain write-back of the merge would put the first one's field back as it was (`{ status:
 * "inactive" }` undone by a rename). So the write is made only if updated_at is still what was read (every write
 * moves it forward, by 1 even within a millisecond), and on a lost race the change is merged again into the new
 * workflow, up to UPDATE_ATTEMPTS times, then 409 (as worker/analysis/config.ts does).
 */
export async function updateWorkflow(db: Db, chatbotId: string, id: string, patch: z.infer<typeof workflowPatch>) {
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
    const current = await getWorkflow(db, chatbotId, id);
    // `{}` changes nothing, its update time included (README: a PATCH changes only the fields it names).
    if (Object.keys(patch).length === 0) return workflowView(current);
    // A template stored before it had to name a starter is dropped, not refused: the workflow stays editable.
    const starter = STARTER_SLUGS.includes(current.template ?? "") ? (current.template ?? undefined) : undefined;
    const next = workflowInput.parse({ ...workflowView(current), template: starter, ...patch });
    // Actions are checked when they change: a destination deleted (or a member gone) since they were stored must
    // not keep the workflow from being renamed or turned off (its runs say "skipped" meanwhile).
    if (patch.actions !== undefined) await checkActions(db, { chatbotId, organizationId: current.organizationId }, next);
    if (patch.conditions !== undefined) await checkConditions(db, chatbotId, next);
    // New actions are written only while their destinations still exist (as createWorkflow writes them).
    const guard = patch.actions !== undefined ? destinationsExist(db, chatbotId, next) : undefined;
    const [row] = await db
      .update(workflows)
      .set({ ...next, template: next.template ?? null, updatedAt: Math.max(Date.now(), current.updatedAt + 1) })
      .where(and(eq(workflows.id, id), eq(workflows.chatbotId, chatbotId), eq(workflows.updatedAt, current.updatedAt), guard))
      .returning();
    if (row) {
      forgetWorkflows(chatbotId);
      return workflowView(row);
    }
    // Nothing written: a destination was deleted since its check (400), or the workflow was changed (tried again on
    // the new one) or deleted (the next read answers 404) since it was read.
    if (guard) await checkDestinations(db, chatbotId, next);
  }
  throw new ApiError("conflict", "the workflow kept changing while this change was being saved: try again");
}

export async function deleteWorkflow(db: Db, chatbotId: string, id: string): Promise<void> {
  const deleted = await db.delete(workflows).where(and(eq(workflows.id, id), eq(workflows.chatbotId, chatbotId))).returning({ id: workflows.id });
  if (!deleted.length) throw notFound("workflow");
  forgetWorkflows(chatbotId);
}

export const runsQuery = z.object({
  page: queryNumber(z.coerce.number().int().min(1).default(1)),
  limit: queryNumber(z.coerce.number().int().min(1).max(100).default(20)),
  status: z.enum(["pending", "triggered", "success", "failed", "skipped"]).optional(),
});

/** A workflow's runs, newest first, each with its deliveries and their attempts. */
export async function listRuns(db: Db, chatbotId: string, workflowId: string, q: z.infer<typeof runsQuery>) {
  await getWorkflow(db, chatbotId, workflowId);
  const where = and(eq(workflowRuns.workflowId, workflowId), ...(q.status ? [eq(workflowRuns.status, q.status)] : []));
  const [runs, [totals]] = await Promise.all([
    db.select().from(workflowRuns).where(where).orderBy(desc(workflowRuns.createdAt)).limit(q.limit).offset((q.page - 1) * q.limit),
    db.select({ total: count() }).from(workflowRuns).where(where),
  ]);
  const total = totals?.total ?? 0;
  return {
    data: await withDeliveries(db, runs),
    pagination: { page: q.page, limit: q.limit, total, hasMore: q.page * q.limit < total },
  };
}

/**
 * Each run's conversation by the id the integrator gave it (what the conversations table, search and the attention
 * queue show), from the index: null while the conversation is not in it yet.
 */
async function withExternalIds<R extends { conversationId: string }>(db: Db, runs: R[]): Promise<(R & { conversationExternalId: string | null })[]> {
  const ids = [...new Set(runs.map((r) => r.conversationId))];
  const rows = ids.length ? await db.select({ id: conversations.id, externalId: conversations.externalId }).from(conversations).where(inArray(conversations.id, ids)) : [];
  const external = new Map(rows.map((c) => [c.id, c.externalId]));
  return runs.map((r) => ({ ...r, conversationExternalId: external.get(r.conversationId) ?? null }));
}

/** Runs with their conversation's external id, their deliveries (payload left out) and each delivery's attempts, in order. */
async function withDeliveries(db: Db, found: (typeof workflowRuns.$inferSelect)[]) {
  const runIds = found.map((r) => r.id);
  // Two independent reads, at once.
  const [runs, sent] = await Promise.all([withExternalIds(db, found), runIds.length ? db.select().from(deliveries).where(inArray(deliveries.runId, runIds)) : []]);
  const attempts = sent.length
    ? await db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, sent.map((d) => d.id))).orderBy(deliveryAttempts.attempt)
    : [];
  return runs.map((r) => ({
    ...r,
    deliveries: sent
      .filter((d) => d.runId === r.id)
      .map(({ payload: _p, ...d }) => ({ ...d, attempts: attempts.filter((a) => a.deliveryId === d.id) })),
  }));
}

/** One run of any of the chatbot's workflows, with its deliveries and attempts. */
export async function getRun(db: Db, chatbotId: string, runId: string) {
  const run = await db.select().from(workflowRuns).where(and(eq(workflowRuns.id, runId), eq(workflowRuns.chatbotId, chatbotId))).get();
  if (!run) throw notFound("workflow run");
  const [withDetail] = await withDeliveries(db, [run]);
  return withDetail!;
}

/** Puts a failed run's failed deliveries back on the queue. */
export async function retryRun(db: Db, queue: Queue, chatbotId: string, runId: string) {
  const run = await db.select().from(workflowRuns).where(and(eq(workflowRuns.id, runId), eq(workflowRuns.chatbotId, chatbotId))).get();
  if (!run) throw notFound("workflow run");
  if (run.status !== "failed") throw new ApiError("conflict", `only failed runs can be retried; this one is ${run.status}`);
  const failed = await db.select({ id: deliveries.id }).from(deliveries).where(and(eq(deliveries.runId, runId), eq(deliveries.status, "failed")));
  // Without a failed delivery nothing would be sent, and a run set back to pending would stay so.
  if (!failed.length) {
    throw new ApiError("conflict", "this run has no failed webhook delivery to send again (its destination was deleted, or an email or in-app action failed)");
  }
  const now = Date.now();
  // What the run becomes, written and answered alike.
  const retried = { status: "pending" as const, reason: "retried by hand", updatedAt: now };
  await db.batch([
    db.update(deliveries).set({ status: "pending", updatedAt: now }).where(and(eq(deliveries.runId, runId), eq(deliveries.status, "failed"))),
    db.update(workflowRuns).set(retried).where(eq(workflowRuns.id, runId)),
  ]);
  await queue.sendBatch(failed.map((d) => ({ body: { deliveryId: d.id } satisfies DeliveryMessage })));
  const [answered] = await withExternalIds(db, [{ ...run, ...retried, requeued: failed.length }]);
  return answered!;
}
