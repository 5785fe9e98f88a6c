import { describe, expect, it } from "vitest";
import { matches, holds, type Facts } from "../../worker/workflows/evaluate";
import { renderTemplate } from "../../worker/workflows/payload";
import { workflowInput, type Condition } from "../../worker/workflows/schema";
import { parseRetryAfter, retryDelay, RETRY_DELAYS } from "../../worker/webhooks/delivery";
import { assertDeliverable, isPublicAddress } from "../../worker/webhooks/ssrf";

const facts: Facts = {
  event: "user_message",
  sentiment: { score: -0.5, label: "negative" },
  intent: "cancellation",
  topics: ["billing", "export"],
  flags: ["churn_risk"],
  behaviours: [],
  user: { plan: "pro", mrr: 99 },
  organization: { plan: "enterprise", mrr: 5000 },
};

describe("workflow conditions", () => {
  const cases: [Condition, boolean][] = [
    [{ field: "sentiment_score", op: "<", value: -0.4 }, true],
    [{ field: "sentiment_score", op: "<", value: -0.5 }, false],
    [{ field: "sentiment_score", op: "<=", value: -0.5 }, true],
    [{ field: "sentiment_score", op: ">", value: -0.5 }, false],
    [{ field: "sentiment_score", op: ">=", value: -0.5 }, true],
    [{ field: "sentiment_score", op: "=", value: -0.5 }, true],
    [{ field: "sentiment_score", op: "=", value: -0.4 }, false],
    [{ field: "sentiment_label", op: "=", value: "negative" }, true],
    [{ field: "sentiment_label", op: "!=", value: "negative" }, false],
    [{ field: "intent", op: "=", value: "cancellation" }, true],
    [{ field: "intent", op: "!=", value: "greeting" }, true],
    [{ field: "topic", op: "=", value: "export" }, true],
    [{ field: "topic", op: "!=", value: "export" }, false],
    [{ field: "topic", op: "!=", value: "onboarding" }, true],
    [{ field: "behaviour", op: "=", value: "hallucinating" }, false],
    [{ field: "resolution", op: "=", value: "unresolved" }, false],
    [{ field: "flag", op: "detected", value: "churn_risk" }, true],
    [{ field: "flag", op: "not_detected", value: "churn_risk" }, false],
    [{ field: "flag", op: "not_detected", value: "buying_signal" }, true],
    [{ field: "user_plan", op: "=", value: "pro" }, true],
    [{ field: "user_plan", op: "!=", value: "pro" }, false],
    [{ field: "organization_plan", op: "=", value: "enterprise" }, true],
    [{ field: "organization_plan", op: "!=", value: "free" }, true],
    [{ field: "user_mrr", op: "<", value: 100 }, true],
    [{ field: "user_mrr", op: "<=", value: 98 }, false],
    [{ field: "user_mrr", op: ">", value: 99 }, false],
    [{ field: "user_mrr", op: ">=", value: 99 }, true],
    [{ field: "organization_mrr", op: ">=", value: 1000 }, true],
    [{ field: "organization_mrr", op: "<", value: 1000 }, false],
  ];
  for (const [condition, expected] of cases) {
    it(`${condition.field} ${condition.op} ${condition.value} is ${expected}`, () => {
      expect(holds(condition, facts)).toBe(expected);
    });
  }

  it("compares plans in any case, as the other plan filters do", () => {
    const shouted: Facts = { ...facts, user: { plan: "Pro", mrr: 99 }, organization: { plan: "ENTERPRISE", mrr: 5000 } };
    expect(holds({ field: "user_plan", op: "=", value: "PRO" }, facts)).toBe(true);
    expect(holds({ field: "user_plan", op: "=", value: "pro" }, shouted)).toBe(true);
    expect(holds({ field: "user_plan", op: "!=", value: "pRo" }, shouted)).toBe(false);
    expect(holds({ field: "organization_plan", op: "=", value: "Enterprise" }, shouted)).toBe(true);
  });

  it("treats an unknown value as not matching, whatever the operator", () => {
    const bare: Facts = { event: "user_message", topics: [], flags: [], behaviours: [] };
    expect(holds({ field: "user_mrr", op: "<", value: 100 }, bare)).toBe(false);
    expect(holds({ field: "user_plan", op: "!=", value: "pro" }, bare)).toBe(false);
    expect(holds({ field: "sentiment_score", op: ">", value: -1 }, bare)).toBe(false);
    // No topics, and a user message's behaviours: an empty list is no value, so `!=` does not match it either.
    expect(holds({ field: "topic", op: "!=", value: "invoice" }, bare)).toBe(false);
    expect(holds({ field: "behaviour", op: "!=", value: "hallucinating" }, bare)).toBe(false);
    expect(holds({ field: "behaviour", op: "!=", value: "hallucinating" }, { ...bare, behaviours: ["dodging"] })).toBe(true);
  });

  it("joins conditions with AND or OR", () => {
    const conditions: Condition[] = [
      { field: "flag", op: "detected", value: "churn_risk" },
      { field: "user_plan", op: "=", value: "free" },
    ];
    expect(matches({ trigger: "user_message", match: "all", conditions }, facts)).toBe(false);
    expect(matches({ trigger: "user_message", match: "any", conditions }, facts)).toBe(true);
  });

  it("fires any_message on user and assistant messages but not on a conversation's end", () => {
    const w = { trigger: "any_message" as const, match: "all" as const, conditions: [] };
    expect(matches(w, facts)).toBe(true);
    expect(matches(w, { ...facts, event: "assistant_message" })).toBe(true);
    expect(matches(w, { ...facts, event: "conversation_ended" })).toBe(false);
  });
});

describe("workflow actions", () => {
  const refusal = (action: unknown) => {
    const parsed = workflowInput.safeParse({ name: "Alert", trigger: "user_message", actions: [action] });
    return parsed.success ? "accepted" : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("names the field of an action that is wrong, not the whole action", () => {
    expect(refusal({ type: "email" })).toEqual(['actions.0.to: to is "members" or a list of 1–50 member ids']);
    expect(refusal({ type: "in_app", to: "everyone" })).toEqual(['actions.0.to: to is "admins", "members" or a list of 1–50 member ids']);
    expect(refusal({ type: "sms", to: "members" })).toEqual(['actions.0.type: type is "webhook" (or left out), "email" or "in_app"']);
    expect(refusal({ template: "hi" })).toEqual(["actions.0.destinationId: Invalid input: expected string, received undefined"]);
  });

  it("takes a webhook action with or without its type", () => {
    expect(refusal({ destinationId: "d1" })).toBe("accepted");
    expect(refusal({ type: "webhook", destinationId: "d1" })).toBe("accepted");
    expect(refusal({ type: "email", to: "members" })).toBe("accepted");
  });
});

describe("message templates", () => {
  it("fills placeholders and leaves unknown ones empty", () => {
    expect(renderTemplate("{{user.email}} at {{ sentiment.score }}{{nope.x}}!", { user: { email: "a@b.co" }, sentiment: { score: -0.7 } })).toBe("a@b.co at -0.7!");
  });

  it("reads the payload's own fields only: what every object inherits renders empty", () => {
    const scope = { user: { name: "Ada" }, messages: ["hi"] };
    expect(renderTemplate("[{{constructor}}][{{__proto__}}][{{user.constructor.name}}][{{toString}}][{{messages.length}}][{{user.name}}]", scope)).toBe(
      "[][][][][1][Ada]",
    );
  });

  it("fills a placeholder with the first of its alternatives that has a value, a quoted text last", () => {
    const who = '{{user.email | user.name | "a user"}} on {{organization.plan|"no plan"}}';
    expect(renderTemplate(who, { user: { email: "a@b.co", name: "Ada" }, organization: { plan: "pro" } })).toBe("a@b.co on pro");
    expect(renderTemplate(who, { user: { email: null, name: "Ada" }, organization: {} })).toBe("Ada on no plan");
    expect(renderTemplate(who, { user: null, organization: { plan: "" } })).toBe("a user on no plan");
    // Zero is a value; a value is escaped as any other.
    expect(renderTemplate('{{sentiment.score|"?"}}', { sentiment: { score: 0 } })).toBe("0");
    expect(renderTemplate('{{user.name|"<none>"}}', {}, (v) => v.replace(/</g, "&lt;"))).toBe("&lt;none>");
    // Not a placeholder: left as written.
    expect(renderTemplate("{{user.email | }} {{a b}}", { user: { email: "x" } })).toBe("{{user.email | }} {{a b}}");
  });
});

describe("retry policy", () => {
  it("grows the delay over about a day across the retries", () => {
    const total = RETRY_DELAYS.reduce((a, b) => a + b, 0);
    expect(total / 3600).toBeGreaterThan(20);
    expect(total / 3600).toBeLessThan(30);
    expect(retryDelay(1, null, () => 0.5)).toBe(10);
    expect(retryDelay(5, null, () => 0.5)).toBe(1800);
  });

  it("jitters by at most a fifth either way", () => {
    expect(retryDelay(2, null, () => 0)).toBe(48);
    expect(retryDelay(2, null, () => 1)).toBe(72);
  });

  it("waits at least as long as Retry-After, up to the Queue's 12-hour limit", () => {
    expect(retryDelay(1, 300, () => 0.5)).toBe(300);
    expect(retryDelay(1, 999_999, () => 0.5)).toBe(43_200);
  });

  it("reads Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThanOrEqual(59);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe("destination addresses", () => {
  it.each([
    ["93.184.216.34", true],
    ["2606:4700:4700::1111", true],
    ["10.0.0.1", false],
    ["172.16.5.4", false],
    ["172.32.0.1", true],
    ["192.168.1.1", false],
    ["127.0.0.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd12:3456::1", false],
    ["::ffff:10.0.0.1", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("allows loopback http only when the local-development setting is on", async () => {
    const local = { allowLoopback: true, ownHosts: [], resolve: async () => [] };
    await expect(assertDeliverable("http://127.0.0.1:9999/hook", local)).resolves.toBeInstanceOf(URL);
    await expect(assertDeliverable("http://localhost:9999/hook", local)).resolves.toBeInstanceOf(URL);
    // Off, loopback is refused for what it is (the range says more than the scheme would).
    await expect(assertDeliverable("http://127.0.0.1:9999/hook", { ...local, allowLoopback: false })).rejects.toThrow(/loopback/);
    await expect(assertDeliverable("http://example.com/hook", { ...local, allowLoopback: false })).rejects.toThrow(/https/);
    // The setting opens loopback, not the private network.
    await expect(assertDeliverable("http://10.0.0.5/hook", local)).rejects.toThrow();
  });

  it("refuses this service's own host", async () => {
    await expect(assertDeliverable("https://api.openbat.dev/x", { allowLoopback: false, ownHosts: ["api.openbat.dev"], resolve: async () => ["93.184.216.34"] })).rejects.toThrow(
      /this service/,
    );
    // Where the service itself runs on an address no webhook may use, the refusal names the address's range.
    await expect(assertDeliverable("https://127.0.0.1:18931/", { allowLoopback: false, ownHosts: ["127.0.0.1"], resolve: async () => [] })).rejects.toThrow(/loopback/);
  });
});
