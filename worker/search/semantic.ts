/**
 * Semantic search's two Cloudflare services: a Workers AI embedding model and a Vectorize index. Both
 * run only on Cloudflare (there is no local Workers AI or Vectorize), so semantic search is on only where
 * the deployment says Workers AI is there (`ANALYZER = "workers-ai"`) and the `VECTORIZE` binding exists;
 * everywhere else it is off, the API says so, and full-text search answers alone.
 */
import { z } from "zod";
import type { AiRunner } from "../analysis/workers-ai";

/** Multilingual (100+ languages in one space), 1,024 dimensions: create the index with that size, cosine. */
export const EMBEDDING_MODEL = "@cf/baai/bge-m3";
export const EMBEDDING_DIMENSIONS = 1024;
export const EMBEDDING_METRIC = "cosine";
/** Metadata Vectorize must index for search's queries (`filter: { chatbotId }`); `npm run deploy` creates it. */
export const VECTOR_METADATA_INDEXES = [{ propertyName: "chatbotId", type: "string" }] as const;
/** Texts per embedding call (the model takes a batch of up to 100). */
export const EMBED_BATCH = 50;

/** The part of a Vectorize index search uses. */
export interface VectorIndex {
  upsert(vectors: VectorizeVector[]): Promise<unknown>;
  query(vector: number[], options: VectorizeQueryOptions): Promise<VectorizeMatches>;
  deleteByIds(ids: string[]): Promise<unknown>;
}

export interface Semantic {
  ai: AiRunner;
  vectors: VectorIndex;
}

export type SemanticStatus = { enabled: true; model: string } | { enabled: false; reason: string };

let semanticForTests: Semantic | null = null;

/** Tests stand fakes in for the (remote-only) AI and Vectorize bindings; null restores the deployment's. */
export function setSemanticForTests(semantic: Semantic | null): void {
  semanticForTests = semantic;
}

type SemanticEnv = Pick<Env, "ANALYZER" | "AI"> & { VECTORIZE?: VectorIndex };

/** The deployment's semantic services, or null when it has none (local, tests, no Vectorize index). */
export function semanticOf(env: SemanticEnv): Semantic | null {
  if (semanticForTests) return semanticForTests;
  if (env.ANALYZER !== "workers-ai" || !env.VECTORIZE) return null;
  return { ai: env.AI as unknown as AiRunner, vectors: env.VECTORIZE };
}

export function semanticStatus(semantic: Semantic | null): SemanticStatus {
  return semantic
    ? { enabled: true, model: EMBEDDING_MODEL }
    : { enabled: false, reason: "semantic search needs Workers AI (ANALYZER = \"workers-ai\") and a Vectorize index (VECTORIZE binding); full-text search only" };
}

const embeddingOutput = z.object({ data: z.array(z.array(z.number())) });

/** One vector per text, in order; one AI call per batch. Throws when the model answers something else. */
export async function embed(ai: AiRunner, texts: readonly string[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const batch = texts.slice(i, i + EMBED_BATCH);
    const { data } = embeddingOutput.parse(await ai.run(EMBEDDING_MODEL, { text: batch, truncate_inputs: true }));
    if (data.length !== batch.length) throw new Error(`embedding model returned ${data.length} vectors for ${batch.length} texts`);
    out.push(...data);
  }
  return out;
}

/** A message's vector id (Vectorize ids are at most 64 bytes; a conversation id and seq fit). */
export const vectorId = (conversationId: string, seq: number) => `${conversationId}:${seq}`;

export function parseVectorId(id: string): { conversationId: string; seq: number } | null {
  const at = id.lastIndexOf(":");
  const seq = Number(id.slice(at + 1));
  return at > 0 && Number.isInteger(seq) && seq > 0 ? { conversationId: id.slice(0, at), seq } : null;
}
