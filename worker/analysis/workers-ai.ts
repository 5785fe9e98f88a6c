/**
 * The production analyzer: one Workers AI call per message carrying every enabled analysis, answered
 * as JSON against a schema, validated with zod. A failed, malformed or late answer is retried a bounded
 * number of times; the caller (analysis/run.ts) then falls back to the embedded analyzer.
 */
import { z } from "zod";
import { exampleOf } from "./embedded/classify";
import { sentimentLabel, type Severity } from "./labels";
import type { AnalysisInput, AnalysisOptions, Analyzer, CustomDefinition, Detection, MessageAnalysis, PreviousTurn } from "./types";
import { firstChars } from "../text-cut";

export const DEFAULT_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
const VERSION = "1";

/** The subset of the AI binding this analyzer uses, so tests can hand in a fake. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export interface WorkersAiSettings {
  model: string;
  prompts: { sentiment: string; intent: string; topics: string; flags: string };
  companyDescription: string;
  /** Attempts per message before giving up (1 = no retry). */
  attempts?: number;
  timeoutMs?: number;
}

const confidence = z.number().min(0).max(1);
const severity = z.enum(["low", "medium", "high"]);

/** What the model must answer; also sent to it as the JSON schema. */
export const aiAnswer = z.object({
  language: z.string().regex(/^[a-z]{2}$/).optional(),
  sentiment: z.object({ score: z.number().min(-1).max(1), chunk: z.string(), reason: z.string() }).optional(),
  flags: z.array(z.object({ slug: z.string(), confidence, reason: z.string(), chunk: z.string().optional() })).default([]),
  behaviours: z
    .array(z.object({ slug: z.string(), confidence, reason: z.string(), severity: severity.optional() }))
    .default([]),
  intent: z
    .object({
      slug: z.string(),
      confidence,
      reason: z.string(),
      suggestedName: z.string().optional(),
      suggestedDescription: z.string().optional(),
    })
    .optional(),
  topics: z.array(z.object({ slug: z.string(), confidence, discovered: z.boolean().default(false) })).max(3).default([]),
});
export type AiAnswer = z.infer<typeof aiAnswer>;

export const resolutionAnswer = z.object({
  resolution: z.enum(["fully_resolved", "partially_resolved", "unresolved"]),
  reason: z.string(),
});

export class AiAnswerError extends Error {}

export class WorkersAiAnalyzer implements Analyzer {
  readonly name = "workers-ai";
  readonly version: string;

  constructor(
    private readonly ai: AiRunner,
    private readonly settings: WorkersAiSettings,
  ) {
    this.version = `${VERSION}:${settings.model}`;
  }

  async analyzeMessage(input: AnalysisInput, options: AnalysisOptions = {}): Promise<MessageAnalysis> {
    return (await this.detectAndAnalyze(input, options)).analysis;
  }

  /** The analysis plus the language the model saw, which decides whether to translate. */
  async detectAndAnalyze(input: AnalysisInput, options: AnalysisOptions = {}): Promise<{ analysis: MessageAnalysis; language?: string }> {
    const answer = await this.ask(buildMessagePrompt(input, options, this.settings), aiAnswer);
    return { analysis: toAnalysis(answer, input, options), language: answer.language };
  }

  async resolveConversation(turns: readonly PreviousTurn[]): Promise<z.infer<typeof resolutionAnswer>> {
    const transcript = turns.map((t) => `${t.role.toUpperCase()}: ${t.content}`).join("\n");
    return this.ask(
      [
        { role: "system", content: `${companyLine(this.settings)}Decide whether the user's need was met in this finished chatbot conversation: fully_resolved, partially_resolved or unresolved, with a one-line reason.` },
        { role: "user", content: transcript.slice(-12_000) },
      ],
      resolutionAnswer,
    );
  }

  /** One structured call, validated; retried on error, timeout or an answer that breaks the schema. */
  private async ask<S extends z.ZodType>(messages: { role: string; content: string }[], schema: S): Promise<z.output<S>> {
    const attempts = this.settings.attempts ?? 3;
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const raw = await withTimeout(
          this.ai.run(this.settings.model, {
            messages,
            response_format: { type: "json_schema", json_schema: z.toJSONSchema(schema, { io: "input" }) },
            temperature: 0,
          }),
          this.settings.timeoutMs ?? 15_000,
        );
        return parseAnswer(raw, schema);
      } catch (error) {
        last = error;
      }
    }
    throw new AiAnswerError(`Workers AI gave no usable answer after ${attempts} attempts: ${errorText(last)}`);
  }
}

function companyLine(settings: WorkersAiSettings): string {
  return settings.companyDescription ? `You analyse conversations for this company: ${settings.companyDescription}\n` : "";
}

const listOf = (defs: readonly CustomDefinition[]) => defs.map((d) => `- ${d.slug}: ${d.name} — ${d.description}`).join("\n");

/** The system prompt carries the chatbot's own prompts and definitions; the user turn carries the message. */
export function buildMessagePrompt(input: AnalysisInput, options: AnalysisOptions, settings: WorkersAiSettings) {
  const parts: string[] = [companyLine(settings) + "Analyse one chatbot message. Answer only with JSON matching the schema; leave out what is not asked."];
  if (input.role === "user") {
    if (options.sentiment !== false) parts.push(`Sentiment: ${settings.prompts.sentiment}`);
    const flags = [...(options.enabledFlags ?? []), ...(options.customFlags ?? []).map((f) => f.slug)];
    if (flags.length) {
      parts.push(`Flags: ${settings.prompts.flags}\nAllowed flag slugs: ${flags.join(", ")}`);
      if (options.customFlags?.length) parts.push(`Custom flags:\n${listOf(options.customFlags)}`);
      if (options.competitors?.length) parts.push(`Competitors: ${options.competitors.join(", ")}`);
      if (options.ownNames?.length) parts.push(`The company's own names (never a competitor; moving to them is joining, not churn): ${options.ownNames.join(", ")}`);
    }
    if (options.intent && options.intents?.length) parts.push(`Intent: ${settings.prompts.intent}\nIntents:\n${listOf(options.intents)}`);
    if (options.topics) {
      parts.push(`Topics: ${settings.prompts.topics}` + (options.topicList?.length ? `\nTopics:\n${listOf(options.topicList)}` : ""));
    }
  } else if (input.role === "assistant") {
    const behaviours = [...(options.enabledBehaviours ?? []), ...(options.customBehaviours ?? []).map((b) => b.slug)];
    parts.push(`Behaviours: ${settings.prompts.flags}\nAllowed behaviour slugs: ${behaviours.join(", ")}`);
    if (options.customBehaviours?.length) parts.push(`Custom behaviours:\n${listOf(options.customBehaviours)}`);
  }
  parts.push("Also give the message's language as an ISO 639-1 code.");
  const context = (input.previous ?? []).map((t) => `${t.role.toUpperCase()}: ${t.content}`).join("\n");
  return [
    { role: "system", content: parts.join("\n\n") },
    { role: "user", content: (context ? `Earlier turns:\n${context}\n\n` : "") + `Message (${input.role}):\n${input.content}` },
  ];
}

function parseAnswer<S extends z.ZodType>(raw: unknown, schema: S): z.output<S> {
  // Workers AI answers `{ response: <object or JSON text> }`.
  const response = (raw as { response?: unknown } | null)?.response ?? raw;
  let value: unknown = response;
  if (typeof response === "string") {
    try {
      value = JSON.parse(response);
    } catch {
      throw new AiAnswerError("answer is not JSON");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AiAnswerError(`answer breaks the schema: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** Keeps only slugs the chatbot asked for; labels come from our thresholds, not the model's words. */
function toAnalysis(answer: AiAnswer, input: AnalysisInput, options: AnalysisOptions): MessageAnalysis {
  const result: MessageAnalysis = { flags: [], behaviours: [], topics: [] };
  if (input.role === "system") return result;
  const customFlags = new Set((options.customFlags ?? []).map((f) => f.slug));
  const customBehaviours = new Set((options.customBehaviours ?? []).map((b) => b.slug));
  if (input.role === "user") {
    if (options.sentiment !== false && answer.sentiment) {
      const score = Math.round(answer.sentiment.score * 1000) / 1000;
      result.sentiment = { score, label: sentimentLabel(score), chunk: firstChars(answer.sentiment.chunk, 500), reason: firstChars(answer.sentiment.reason, 300) };
    }
    const flags = new Set([...(options.enabledFlags ?? []), ...customFlags]);
    result.flags = answer.flags
      .filter((f) => flags.has(f.slug))
      .map((f) => detection(f.slug, f.confidence, f.reason, { chunk: f.chunk, custom: customFlags.has(f.slug) }));
    if (options.intent && answer.intent) {
      const known = new Set((options.intents ?? []).map((i) => i.slug));
      const pending = answer.intent.confidence < 0.35 || !known.has(answer.intent.slug);
      // A suggestion's example is the message itself (services/intent-suggestions.ts).
      result.intent = detection(answer.intent.slug, answer.intent.confidence, answer.intent.reason, pending ? { pending, chunk: exampleOf(input.content) } : {});
    }
    if (options.topics) {
      const listed = new Set((options.topicList ?? []).map((t) => t.slug));
      result.topics = answer.topics.map((t) => detection(t.slug, t.confidence, "", { autoDiscovered: !listed.has(t.slug) }));
    }
  } else {
    const behaviours = new Set([...(options.enabledBehaviours ?? []), ...customBehaviours]);
    result.behaviours = answer.behaviours
      .filter((b) => behaviours.has(b.slug))
      .map((b) => detection(b.slug, b.confidence, b.reason, { severity: b.severity, custom: customBehaviours.has(b.slug) }));
  }
  return result;
}

function detection(
  slug: string,
  confidence: number,
  reason: string,
  extra: { chunk?: string; severity?: Severity; pending?: boolean; autoDiscovered?: boolean; custom?: boolean },
): Detection {
  const d: Detection = { slug: slug.slice(0, 48), confidence: Math.round(confidence * 100) / 100, reason: reason.slice(0, 300) };
  if (extra.chunk) d.chunk = extra.chunk.slice(0, 500);
  if (extra.severity) d.severity = extra.severity;
  if (extra.pending) d.pending = true;
  if (extra.autoDiscovered) d.autoDiscovered = true;
  if (extra.custom) d.custom = true;
  return d;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AiAnswerError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => timer !== undefined && clearTimeout(timer));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
