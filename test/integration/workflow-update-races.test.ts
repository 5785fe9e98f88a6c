/**
 * Two PATCHes of one workflow made by requests that interleave: each reads the workflow, merges the fields it names
 * and writes it back, and the other may write between that read and write (test/helpers/interleaved-d1.ts). A PATCH
 * changes only the fields it names (README), so neither change may be lost.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../worker/db/client";
import { workflows } from "../../worker/db/schema";
import { ApiError } from "../../worker/errors";
import { createWorkflow, getWorkflow, updateWorkflow } from "../../worker/workflows/service";
import { workflowInput, workflowPatch } from "../../worker/workflows/schema";
import { interleaved, onceAfter } from "../helpers/interleaved-d1";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = () => createDb(env.DB);
const patch = (body: unknown) => workflowPatch.parse(body);

async function alert(t: Tenant) {
  return createWorkflow(db(), t, workflowInput.parse({ name: "Churn alert", trigger: "user_message", actions: [{ type: "in_app", to: "admins" }] }));
}

/** A database on which `other` runs once, through the real database, right after the first read of a workflow. */
function otherAfterFirstRead(other: () => Promise<unknown>): D1Database {
  return onceAfter(env.DB, /^select .* from "workflows"/, other);
}

describe("two changes to one workflow at the same time", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps both when one turns it off and the other renames it", async () => {
    const t = await createTenant();
    const wf = await alert(t);
    const racing = otherAfterFirstRead(() => updateWorkflow(db(), t.chatbotId, wf.id, patch({ status: "inactive" })));
    const answer = await updateWorkflow(createDb(racing), t.chatbotId, wf.id, patch({ name: "Churn watch" }));
    const stored = await getWorkflow(db(), t.chatbotId, wf.id);
    expect(stored).toMatchObject({ name: "Churn watch", status: "inactive" });
    // The answer is the workflow after the change, the other request's change included.
    expect(answer).toMatchObject({ name: "Churn watch", status: "inactive", updatedAt: stored.updatedAt });
  });

  it("keeps both when both are written within the same millisecond", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_800_000_000_000);
    const t = await createTenant();
    const wf = await alert(t);
    const racing = otherAfterFirstRead(() => updateWorkflow(db(), t.chatbotId, wf.id, patch({ status: "inactive" })));
    await updateWorkflow(createDb(racing), t.chatbotId, wf.id, patch({ name: "Churn watch" }));
    expect(await getWorkflow(db(), t.chatbotId, wf.id)).toMatchObject({ name: "Churn watch", status: "inactive" });
  });

  it("gives up with a 409 and writes nothing of its own when another change lands between every read and write", async () => {
    const t = await createTenant();
    const wf = await alert(t);
    let n = 0;
    const endless = interleaved(env.DB, async (sql) => {
      if (!/^select .* from "workflows"/.test(sql)) return;
      n += 1;
      await updateWorkflow(db(), t.chatbotId, wf.id, patch({ name: `Version ${n}` }));
    });
    const error = await updateWorkflow(createDb(endless), t.chatbotId, wf.id, patch({ status: "inactive" })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(await db().select().from(workflows).where(eq(workflows.id, wf.id)).get()).toMatchObject({ name: `Version ${n}`, status: "active" });
  });
});
