import { describe, expect, it } from "vitest";
import { embeddedResolution } from "../../worker/analysis/resolution";
import { AiAnswerError, WorkersAiAnalyzer, type WorkersAiSettings } from "../../worker/analysis/workers-ai";
import { FakeAi, wellFormed } from "../helpers/fake-ai";

const settings: WorkersAiSettings = {
  model: "@cf/test/model",
  prompts: { sentiment: "S prompt", intent: "I prompt", topics: "T prompt", flags: "F prompt" },
  companyDescription: "",
  timeoutMs: 20,
};
const options = { sentiment: true, enabledFlags: ["churn_risk"], intent: true, intents: [{ slug: "cancellation", name: "Cancel", description: "d" }] };

describe("the Workers AI analyzer", () => {
  it("gives up on a call that does not answer in time, after its bounded attempts", async () => {
    const ai = new FakeAi(() => new Promise(() => undefined));
    const analyzer = new WorkersAiAnalyzer(ai, settings);
    await expect(analyzer.analyzeMessage({ role: "user", content: "hi" }, options)).rejects.toThrow(AiAnswerError);
    expect(ai.calls).toHaveLength(3);
  });

  it("succeeds on a retry after one bad answer", async () => {
    const ai = new FakeAi((_, i) => (i === 0 ? { response: "nope" } : { response: wellFormed }));
    const result = await new WorkersAiAnalyzer(ai, settings).analyzeMessage({ role: "user", content: "cancel" }, options);
    expect(ai.calls).toHaveLength(2);
    expect(result.sentiment).toMatchObject({ score: -0.72, label: "very_negative" });
  });

  it("drops flags the chatbot did not ask for and labels sentiment by our thresholds", async () => {
    const answer = { ...wellFormed, sentiment: { score: 0.2, chunk: "", reason: "" }, flags: [{ slug: "made_up", confidence: 1, reason: "" }, ...wellFormed.flags] };
    const result = await new WorkersAiAnalyzer(new FakeAi(() => ({ response: answer })), settings).analyzeMessage({ role: "user", content: "x" }, options);
    expect(result.flags.map((f) => f.slug)).toEqual(["churn_risk"]);
    expect(result.sentiment?.label).toBe("positive");
  });

  it("tells the model the competitors to look for and the company's own names, which never are one", async () => {
    const ai = new FakeAi(() => ({ response: wellFormed }));
    await new WorkersAiAnalyzer(ai, settings).analyzeMessage({ role: "user", content: "my Vodafone bill" }, { ...options, enabledFlags: ["competitor_mention"], competitors: ["Telekom"], ownNames: ["Vodafone", "Vodafone One"] });
    expect(ai.systemPrompt()).toContain("Competitors: Telekom");
    expect(ai.systemPrompt()).toContain("The company's own names (never a competitor; moving to them is joining, not churn): Vodafone, Vodafone One");
  });

  it("judges assistant messages on behaviours only", async () => {
    const answer = { ...wellFormed, behaviours: [{ slug: "hallucinating", confidence: 0.8, reason: "invented a policy", severity: "high" }] };
    const ai = new FakeAi(() => ({ response: answer }));
    const result = await new WorkersAiAnalyzer(ai, settings).analyzeMessage({ role: "assistant", content: "Our 90-day refund policy…" }, { enabledBehaviours: ["hallucinating"] });
    expect(result.sentiment).toBeUndefined();
    expect(result.flags).toEqual([]);
    expect(result.behaviours).toEqual([expect.objectContaining({ slug: "hallucinating", severity: "high" })]);
    expect(ai.systemPrompt()).toContain("hallucinating");
  });
});

describe("the embedded resolution", () => {
  it("resolves a conversation that ends in thanks", () => {
    expect(embeddedResolution([
      { role: "user", content: "How do I reset my password?" },
      { role: "assistant", content: "Use the link on the login page." },
      { role: "user", content: "Perfect, thanks!" },
    ]).resolution).toBe("fully_resolved");
  });

  it("leaves a conversation unresolved when the user leaves angry", () => {
    expect(embeddedResolution([
      { role: "user", content: "Where is my refund?" },
      { role: "assistant", content: "I cannot see it." },
      { role: "user", content: "This is ridiculous, I'm cancelling." },
    ]).resolution).toBe("unresolved");
  });

  it("calls an answered but unconfirmed conversation partially resolved", () => {
    expect(embeddedResolution([
      { role: "user", content: "Can I export to CSV?" },
      { role: "assistant", content: "Yes, from the reports page." },
    ]).resolution).toBe("partially_resolved");
  });

  it("calls an unanswered question unresolved", () => {
    expect(embeddedResolution([{ role: "user", content: "Can I export to CSV?" }]).resolution).toBe("unresolved");
  });
});
