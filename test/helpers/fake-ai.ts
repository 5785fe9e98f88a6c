import type { AiRunner } from "../../worker/analysis/workers-ai";

export interface FakeCall {
  model: string;
  inputs: Record<string, unknown>;
}

/** A stand-in for the Workers AI binding: answers from a script and records every call. */
export class FakeAi implements AiRunner {
  readonly calls: FakeCall[] = [];
  constructor(private readonly answer: (call: FakeCall, index: number) => unknown | Promise<unknown>) {}

  async run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    const call = { model, inputs };
    this.calls.push(call);
    return this.answer(call, this.calls.length - 1);
  }

  /** The system prompt of the n-th call. */
  systemPrompt(n = 0): string {
    const messages = this.calls[n]?.inputs.messages as { role: string; content: string }[] | undefined;
    return messages?.find((m) => m.role === "system")?.content ?? "";
  }
}

export const wellFormed = {
  language: "en",
  sentiment: { score: -0.72, chunk: "I want to cancel", reason: "wants to leave" },
  flags: [{ slug: "churn_risk", confidence: 0.9, reason: "asks to cancel", chunk: "cancel my subscription" }],
  behaviours: [],
  intent: { slug: "cancellation", confidence: 0.88, reason: "cancellation request" },
  topics: [],
};
