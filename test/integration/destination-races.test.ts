/**
 * A workflow and the webhook destination it posts to, written by requests that interleave: the destination's
 * check and the workflow's write are one step, and a delete refused because a workflow uses the destination
 * names that workflow, whatever another request does between two calls (test/helpers/interleaved-d1.ts).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { webhookDestinations, workflows } from "../../worker/db/schema";
import { ApiError, notFound } from "../../worker/errors";
import { deleteDestination } from "../../worker/webhooks/destinations";
import { createWorkflow, updateWorkflow } from "../../worker/workflows/service";
import { workflowInput, workflowPatch } from "../../worker/workflows/schema";
import { call } from "../helpers/http";
import { interleaved } from "../helpers/interleaved-d1";
import { mockOutbound, PUBLIC_DNS } from "../helpers/outbound";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = () => createDb(env.DB);

async function destination(t: Tenant, name = "Ops") {
  const mock = mockOutbound(() => new Response("ok"), PUBLIC_DNS);
  try {
    const res = await call("/api/v1/webhooks", { method: "POST", key: t.adminKey, json: { name, url: "https://hooks.example.com/openbat" } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: { id: string } }).data;
  } finally {
    mock.restore();
  }
}

/** The error a call was refused with. */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Deletes the destination (through the real database) right after the first look at it. */
const deletedAfterItsCheck = (destinationId: string) => {
  let done = false;
  return async (sql: string) => {
    if (done || !/from "webhook_destinations"/.test(sql)) return;
    done = true;
    await db().delete(webhookDestinations).where(eq(webhookDestinations.id, destinationId));
  };
};

describe("a workflow whose destination is deleted while it is being saved", () => {
  it("is not created, and the refusal names the action's destination as when it was missing from the start", async () => {
    const t = await createTenant();
    const d = await destination(t);
    const input = workflowInput.parse({ name: "Churn alert", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }, { destinationId: d.id }] });
    const error = await refusal(createWorkflow(createDb(interleaved(env.DB, deletedAfterItsCheck(d.id))), t, input));
    expect(error.status).toBe(400);
    expect(error.message).toBe("actions.1.destinationId: no such webhook destination");
    expect(await db().select().from(workflows).where(eq(workflows.chatbotId, t.chatbotId))).toEqual([]);
  });

  it("keeps its actions when a change to them names a destination deleted meanwhile", async () => {
    const t = await createTenant();
    const [kept, doomed] = [await destination(t, "Kept"), await destination(t, "Doomed")];
    const created = await createWorkflow(db(), t, workflowInput.parse({ name: "Churn alert", trigger: "user_message", actions: [{ destinationId: kept.id }] }));
    const change = updateWorkflow(createDb(interleaved(env.DB, deletedAfterItsCheck(doomed.id))), t.chatbotId, created.id, workflowPatch.parse({ actions: [{ destinationId: doomed.id }] }));
    const error = await refusal(change);
    expect(error.status).toBe(400);
    expect(error.message).toBe("actions.0.destinationId: no such webhook destination");
    const stored = await db().select().from(workflows).where(eq(workflows.id, created.id)).get();
    expect(stored?.actions).toEqual(created.actions);
  });

  it("answers 404 when the workflow itself is deleted while its change is being saved", async () => {
    const t = await createTenant();
    const d = await destination(t);
    for (const patch of [{ name: "Renamed" }, { actions: [{ destinationId: d.id }] }]) {
      const created = await createWorkflow(db(), t, workflowInput.parse({ name: "Churn alert", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }] }));
      let done = false;
      const racing = interleaved(env.DB, async (sql) => {
        if (done || !/^select .* from "workflows"/.test(sql)) return;
        done = true;
        await db().delete(workflows).where(eq(workflows.id, created.id));
      });
      const error = await refusal(updateWorkflow(createDb(racing), t.chatbotId, created.id, workflowPatch.parse(patch)));
      expect(error.status).toBe(404);
      expect(error.message).toBe(notFound("workflow").message);
    }
  });
});

describe("deleting a destination a workflow uses, while other requests come and go", () => {
  it("names a workflow that uses it, never 'used by 0 workflows'", async () => {
    const t = await createTenant();
    const d = await destination(t);
    const input = workflowInput.parse({ name: "Churn alert", trigger: "user_message", actions: [{ destinationId: d.id }] });
    const alert = await createWorkflow(db(), t, input);
    const row = await db().select().from(workflows).where(eq(workflows.id, alert.id)).get();
    // The workflow is there whenever the delete is tried and gone whenever someone looks for it: removed by one
    // request right after the refused delete, saved again by another before the next try.
    const racing = interleaved(env.DB, async (sql) => {
      if (/^delete from "webhook_destinations"/.test(sql)) await db().delete(workflows).where(eq(workflows.id, alert.id));
      else if (/^select .* from "workflows"/.test(sql)) await db().insert(workflows).values(row!).onConflictDoNothing();
    });
    const error = await refusal(deleteDestination(createDb(racing), t.chatbotId, d.id));
    expect(error.status).toBe(409);
    expect(error.message).toBe(`webhook destination "Ops" is used by 1 workflow: "Churn alert" (${alert.id}); remove it from its actions, or delete it, first`);
    expect(await db().select().from(webhookDestinations).where(eq(webhookDestinations.id, d.id))).toHaveLength(1);
  });
});
