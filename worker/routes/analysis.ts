import { Hono } from "hono";
import { z } from "zod";
import { forgetConfig } from "../../durable-objects/conversation-analysis";
import { analysisConfigPatch, customDefinition, DEFAULT_INTENTS, effectivePrompts, loadConfig, PROMPT_NAMES, revertPrompt, updateConfig, type AnalysisConfig } from "../analysis/config";
import { analyzerChoice } from "../analysis/run";
import type { AppEnv } from "../context";
import { parse, readJson, readQuery } from "../input";
import { requireChatbot, requireKind } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { approveSuggestion, bulkRejectBody, listSuggestions, rejectSuggestion, rejectSuggestions, suggestionsQuery } from "../services/intent-suggestions";

/** Analysis configuration per chatbot: anyone with a read key may look, only admin keys may change. */
export const analysis = new Hono<AppEnv>();

analysis.use("*", requireChatbot("read", "admin"), rateLimit("READ_LIMITER"));
const adminOnly = requireKind("admin");

function view(env: Env, config: AnalysisConfig) {
  const usesAi = analyzerChoice(env).ai !== null;
  return {
    ...config,
    effectivePrompts: effectivePrompts(config),
    defaultIntents: DEFAULT_INTENTS,
    analyzer: usesAi ? "workers-ai" : "embedded",
    warnings: config.autoTranslate && !usesAi ? ["auto-translation needs the Workers AI analyzer; the embedded analyzer keeps messages as they are"] : [],
  };
}

analysis.get("/config", async (c) => c.json({ data: view(c.env, await loadConfig(c.get("db"), c.get("auth").chatbotId)) }));

analysis.patch("/config", adminOnly, async (c) => {
  const auth = c.get("auth");
  const patch = await readJson(c, analysisConfigPatch);
  const config = await updateConfig(c.get("db"), auth, patch);
  forgetConfig(auth.chatbotId);
  return c.json({ data: view(c.env, config) });
});

analysis.post("/config/prompts/:name/revert", adminOnly, async (c) => {
  const auth = c.get("auth");
  const name = parse(z.enum(PROMPT_NAMES), c.req.param("name"), "name");
  const config = await revertPrompt(c.get("db"), auth, name);
  forgetConfig(auth.chatbotId);
  return c.json({ data: view(c.env, config) });
});

analysis.get("/suggestions", async (c) => c.json(await listSuggestions(c.get("db"), c.get("auth").chatbotId, readQuery(c, suggestionsQuery))));

analysis.post("/suggestions/reject", adminOnly, async (c) => {
  const body = await readJson(c, bulkRejectBody);
  return c.json({ data: await rejectSuggestions(c.get("db"), c.get("auth").chatbotId, body) });
});

analysis.post("/suggestions/:slug/approve", adminOnly, async (c) => {
  const auth = c.get("auth");
  const slug = parse(customDefinition.shape.slug, c.req.param("slug"), "slug");
  const body = await readJson(c, customDefinition.pick({ name: true, description: true }));
  const result = await approveSuggestion(c.get("db"), auth, slug, body);
  forgetConfig(auth.chatbotId);
  return c.json({ data: { accepted: result.accepted, config: view(c.env, result.config) } });
});

analysis.post("/suggestions/:slug/reject", adminOnly, async (c) => {
  const slug = parse(customDefinition.shape.slug, c.req.param("slug"), "slug");
  return c.json({ data: await rejectSuggestion(c.get("db"), c.get("auth").chatbotId, slug) });
});
