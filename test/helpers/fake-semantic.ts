/**
 * Stand-ins for Workers AI embeddings and a Vectorize index, for semantic search tests. The fake model
 * maps words to a few "concepts" (export/download/csv are one idea), so a query can match a message by
 * meaning without sharing a word with it; the fake index is an in-memory cosine search.
 */
import type { Semantic, VectorIndex } from "../../worker/search/semantic";

const CONCEPTS: string[][] = [
  ["export", "download", "csv", "extract"],
  ["button", "control", "link"],
  ["cancel", "unsubscribe", "quit"],
  ["invoice", "bill", "billing", "receipt"],
];
const DIMENSIONS = CONCEPTS.length + 8;

/** A word's dimension: its concept's, or one of 8 buckets for any other word (a faint signal). */
function dimensionOf(word: string): { dim: number; weight: number } {
  const concept = CONCEPTS.findIndex((c) => c.includes(word));
  if (concept >= 0) return { dim: concept, weight: 1 };
  let h = 0;
  for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return { dim: CONCEPTS.length + (h % 8), weight: 0.05 };
}

export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const { dim, weight } = dimensionOf(word);
    v[dim]! += weight;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export class FakeEmbeddings {
  readonly calls: string[][] = [];
  /** Makes the n-th call (0-based) throw, as a model outage would. */
  failOnCall: number | null = null;

  async run(_model: string, inputs: Record<string, unknown>): Promise<unknown> {
    const texts = inputs.text as string[];
    if (this.failOnCall === this.calls.length) {
      this.calls.push(texts);
      throw new Error("AI unavailable");
    }
    this.calls.push(texts);
    return { shape: [texts.length, DIMENSIONS], data: texts.map(fakeEmbedding) };
  }
}

export class FakeVectorize implements VectorIndex {
  readonly vectors = new Map<string, VectorizeVector>();
  /** Every id upserted, in order, repeats included. */
  readonly upserted: string[] = [];
  /** Every id asked to be deleted, in order. */
  readonly deleted: string[] = [];
  /** When false the index ignores the metadata filter, as a misconfigured index would. */
  honoursFilter = true;

  async upsert(vectors: VectorizeVector[]): Promise<unknown> {
    for (const v of vectors) {
      this.vectors.set(v.id, v);
      this.upserted.push(v.id);
    }
    return { mutationId: "fake" };
  }

  async deleteByIds(ids: string[]): Promise<unknown> {
    for (const id of ids) {
      this.vectors.delete(id);
      this.deleted.push(id);
    }
    return { mutationId: "fake" };
  }

  async query(vector: number[], options: VectorizeQueryOptions): Promise<VectorizeMatches> {
    const filter = (options.filter ?? {}) as Record<string, unknown>;
    const matches = [...this.vectors.values()]
      .filter((v) => !this.honoursFilter || Object.entries(filter).every(([k, want]) => v.metadata?.[k] === want))
      .map((v) => ({ id: v.id, score: cosine(vector, [...v.values]) }))
      .filter((m) => m.score > 0.3)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.topK ?? 5);
    return { matches, count: matches.length };
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * (b[i] ?? 0);
  return dot;
}

export function fakeSemantic(): Semantic & { ai: FakeEmbeddings; vectors: FakeVectorize } {
  return { ai: new FakeEmbeddings(), vectors: new FakeVectorize() };
}
