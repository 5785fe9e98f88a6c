/**
 * A workflow run that emails: the email consumer settles it the way the webhooks consumer settles runs
 * with deliveries. Sent → success once no webhook delivery of the run is still open; given up → failed,
 * saying to whom (masked) and why. Always scoped to the run's organization.
 */
import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { createDb } from "../db/client";
import { deliveries, workflowRuns } from "../db/schema";

type Alert = { organizationId: string; runId: string };

export async function markAlertSent(d1: D1Database, alert: Alert): Promise<void> {
  const db = createDb(d1);
  const openDeliveries = db
    .select({ one: sql`1` })
    .from(deliveries)
    .where(and(eq(deliveries.runId, alert.runId), sql`${deliveries.status} != 'success'`));
  await db
    .update(workflowRuns)
    .set({ status: "success", reason: null, updatedAt: Date.now() })
    .where(
      and(
        eq(workflowRuns.id, alert.runId),
        eq(workflowRuns.organizationId, alert.organizationId),
        inArray(workflowRuns.status, ["pending", "triggered"]),
        notExists(openDeliveries),
      ),
    );
}

export async function markAlertFailed(d1: D1Database, alert: Alert, reason: string): Promise<void> {
  await createDb(d1)
    .update(workflowRuns)
    .set({ status: "failed", reason: reason.slice(0, 500), updatedAt: Date.now() })
    .where(and(eq(workflowRuns.id, alert.runId), eq(workflowRuns.organizationId, alert.organizationId)));
}
