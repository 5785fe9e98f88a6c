import { z } from "@hono/zod-openapi";
import { forgetConfig } from "../../durable-objects/conversation-analysis";
import { analysisConfigPatch, customDefinition, DEFAULT_INTENTS, effectivePrompts, loadConfig, PROMPT_NAMES, revertPrompt, updateConfig, type AnalysisConfig } from "../analysis/config";
import { BEHAVIOURS, USER_FLAGS } from "../analysis/labels";
import { analyzerChoice } from "../analysis/run";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { json, jsonBody, jsonData, pageOf } from "../openapi/responses";
import { apiRoute, apiRouter } from "../openapi/router";
import { analysisConfigView, bulkRejectResult, suggestionSchema } from "../schemas/analysis";
import { workflowsOnMissingSlugs } from "../workflows/service";
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { approveSuggestion, bulkRejectBody, listSuggestions, rejectSuggestion, rejectSuggestions, suggestionsQuery } from "../services/intent-suggestions";

/** Analysis configuration per chatbot: anyone with a read key may look, only admin keys may change. */
export const analysis = apiRouter();

analysis.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");
const tags = ["Analysis"];
const slugParams = z.object({ slug: customDefinition.shape.slug });

/** The configuration as every route answers it, for the chatbot the request's credential names. */
async function view(c: Context<AppEnv>, config: AnalysisConfig) {
  const usesAi = analyzerChoice(c.env).ai !== null;
  const translation = config.autoTranslate && !usesAi ? ["auto-translation needs the Workers AI analyzer; the embedded analyzer keeps messages as they are"] : [];
  return {
    ...config,
    // Every built-in toggle with its state (on unless switched off), so a reader need not know the list.
    flags: Object.fromEntries(USER_FLAGS.map((f) => [f, config.flags[f] !== false])),
    behaviours: Object.fromEntries(BEHAVIOURS.map((b) => [b, config.behaviours[b] !== false])),
    effectivePrompts: effectivePrompts(config),
    defaultIntents: DEFAULT_INTENTS,
    analyzer: usesAi ? ("workers-ai" as const) : ("embedded" as const),
    warnings: [...translation, ...(await workflowsOnMissingSlugs(c.get("db"), c.get("auth").chatbotId, config))],
  };
}

analysis.openapi(
  apiRoute("read", { method: "get", path: "/config", tags, summary: "The chatbot's analysis configuration", responses: { 200: jsonData(analysisConfigView, "Toggles, custom definitions, prompts with `effectivePrompts`, analyzer") } }),
  async (c) => c.json({ data: await view(c, await loadConfig(c.get("db"), c.get("auth").chatbotId)) }, 200),
);

analysis.openapi(
  apiRoute("admin", {
    method: "patch",
    path: "/config",
    tags,
    summary: "Change any subset of the analysis configuration",
    middleware: [adminOnly],
    request: { body: jsonBody(analysisConfigPatch) },
    responses: { 200: jsonData(analysisConfigView, "The whole configuration after the change") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const config = await updateConfig(c.get("db"), auth, c.req.valid("json"));
    forgetConfig(auth.chatbotId);
    return c.json({ data: await view(c, config) }, 200);
  },
);

analysis.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/config/prompts/{name}/revert",
    tags,
    summary: `Put one prompt (${PROMPT_NAMES.join(", ")}) back to its default`,
    middleware: [adminOnly],
    request: { params: z.object({ name: z.enum(PROMPT_NAMES) }) },
    responses: { 200: jsonData(analysisConfigView, "The configuration") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const config = await revertPrompt(c.get("db"), auth, c.req.valid("param").name);
    forgetConfig(auth.chatbotId);
    return c.json({ data: await view(c, config) }, 200);
  },
);

analysis.openapi(
  apiRoute("read", {
    method: "get",
    path: "/suggestions",
    tags,
    summary: "Suggested intents: phrasing no intent fitted that recurs (≥ 3 messages from ≥ 2 conversations), most messages first",
    request: { query: suggestionsQuery },
    responses: { 200: json(pageOf(suggestionSchema), "A page of suggestions") },
  }),
  async (c) => c.json(await listSuggestions(c.get("db"), c.get("auth").chatbotId, c.req.valid("query")), 200),
);

analysis.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/suggestions/reject",
    tags,
    summary: "Reject several suggestions (`{ slugs }`) or every pending candidate (`{ all: true }`)",
    middleware: [adminOnly],
    request: { body: jsonBody(bulkRejectBody) },
    responses: { 200: jsonData(bulkRejectResult, "Messages rejected, suggestions rejected, slugs that are not suggestions") },
  }),
  async (c) => c.json({ data: await rejectSuggestions(c.get("db"), c.get("auth").chatbotId, c.req.valid("json")) }, 200),
);

analysis.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/suggestions/{slug}/approve",
    tags,
    summary: "Add a suggested intent to the chatbot's list; its messages take that intent",
    middleware: [adminOnly],
    request: { params: slugParams, body: jsonBody(customDefinition.pick({ name: true, description: true })) },
    responses: { 200: jsonData(z.object({ accepted: z.number().int(), config: analysisConfigView }), "Messages that took the intent, and the configuration") },
  }),
  async (c) => {
    const auth = c.get("auth");
    const result = await approveSuggestion(c.get("db"), auth, c.req.valid("param").slug, c.req.valid("json"));
    forgetConfig(auth.chatbotId);
    return c.json({ data: { accepted: result.accepted, config: await view(c, result.config) } }, 200);
  },
);

analysis.openapi(
  apiRoute("admin", {
    method: "post",
    path: "/suggestions/{slug}/reject",
    tags,
    summary: "Dismiss a suggested intent",
    middleware: [adminOnly],
    request: { params: slugParams },
    responses: { 200: jsonData(z.object({ rejected: z.number().int() }), "How many messages were rejected") },
  }),
  async (c) => c.json({ data: await rejectSuggestion(c.get("db"), c.get("auth").chatbotId, c.req.valid("param").slug) }, 200),
);
