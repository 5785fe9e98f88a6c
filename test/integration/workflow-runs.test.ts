/**
 * `GET /workflows/:id/runs` as the README's Workflows section describes it: newest first, paged, and `status` keeping
 * the runs in one status (pending, triggered, success, failed, skipped).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { RUN_STATUSES, workflowRuns } from "../../worker/db/schema";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

describe("a workflow's runs", () => {
  it("keeps the runs in the status asked for, newest first, and refuses a status that is none of the five", async () => {
    const t = await createTenant();
    const created = await call("/api/v1/workflows", { method: "POST", key: t.adminKey, json: { template: "frustration_escalation" } });
    const { data: workflow } = (await created.json()) as { data: { id: string } };
    const now = Date.now();
    await createDb(env.DB)
      .insert(workflowRuns)
      .values(
        RUN_STATUSES.flatMap((status, i) =>
          [0, 1].map((n) => ({
            id: `run_${status}_${n}`,
            organizationId: t.organizationId,
            chatbotId: t.chatbotId,
            workflowId: workflow.id,
            conversationId: `conv_${n}`,
            status,
            createdAt: now - i * 1000 - n * 100,
            updatedAt: now,
          })),
        ),
      );
    expect([...RUN_STATUSES].sort()).toEqual(["failed", "pending", "skipped", "success", "triggered"]);
    const runs = async (query: string) => {
      const res = await call(`/api/v1/workflows/${workflow.id}/runs?${query}`, { key: t.readKey });
      expect(res.status, query).toBe(200);
      return ((await res.json()) as { data: { id: string; status: string }[]; pagination: { total: number } });
    };
    const success = await runs("status=success");
    expect(success.data.map((r) => r.id)).toEqual(["run_success_0", "run_success_1"]);
    expect(success.pagination.total).toBe(2);
    expect((await runs("status=failed&limit=1")).data.map((r) => r.id)).toEqual(["run_failed_0"]);
    expect((await runs("")).pagination.total).toBe(RUN_STATUSES.length * 2);
    const refused = await call(`/api/v1/workflows/${workflow.id}/runs?status=done`, { key: t.readKey });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorBody).error.details?.[0]?.field).toBe("status");
  });
});
