import { describe, expect, it } from "vitest";
import { bodyFor, completeEvent, escapeDiscord, escapeSlack, type WebhookEvent } from "../../worker/workflows/payload";

const ATTACK = "<!channel> <!here> @everyone @here <https://evil.example|Your invoice> [Your invoice](https://evil.example) <@123> <@!123> <@&456> <#789> a & b";

function event(content: string, user: WebhookEvent["user"] = { id: "u-1", email: "ada@example.com" }): Omit<WebhookEvent, "text"> {
  return {
    type: "workflow.triggered",
    timestamp: "2026-12-02T00:00:00.000Z",
    workflow: { id: "wf_1", name: "Ops & sales", trigger: "user_message" },
    run: { id: "run_1" },
    conversation: { id: "c", externalId: "ext-1", status: "open", messageCount: 1, sentimentAvg: null, flags: [], behaviours: [], resolution: null },
    message: { id: "m-1", seq: 1, role: "user", content, sentAt: null, receivedAt: 0 },
    analysis: null,
    user,
    organization: null,
    session: {},
  };
}

describe("Slack escaping", () => {
  it("escapes Slack's three control characters so no special mention or labelled link survives", () => {
    const escaped = escapeSlack(ATTACK);
    expect(escaped).toBe(
      "&lt;!channel&gt; &lt;!here&gt; @everyone @here &lt;https://evil.example|Your invoice&gt; [Your invoice](https://evil.example) &lt;@123&gt; &lt;@!123&gt; &lt;@&amp;456&gt; &lt;#789&gt; a &amp; b",
    );
    expect(escaped).not.toMatch(/[<>]/);
  });

  it("escapes the default text's end-user parts but not a custom destination's text", () => {
    const base = event("<!channel> pay <https://evil.example|here>", { id: "u-1", email: "<!here>@example.com" });
    expect(completeEvent(base, undefined, "slack").text).toBe(
      'Workflow "Ops &amp; sales" matched a user message from &lt;!here&gt;@example.com: "&lt;!channel&gt; pay &lt;https://evil.example|here&gt;"',
    );
    expect(completeEvent(base).text).toBe('Workflow "Ops & sales" matched a user message from <!here>@example.com: "<!channel> pay <https://evil.example|here>"');
  });

  it("says which role the message came from, with the right article", () => {
    const reply = event("Sure, done.");
    const text = completeEvent({ ...reply, message: { id: "m-2", seq: 2, role: "assistant", content: "Sure, done.", sentAt: null, receivedAt: 0 } }).text;
    expect(text).toBe('Workflow "Ops & sales" matched an assistant message from ada@example.com: "Sure, done."');
  });

  it("never ends a cut text with half an entity", () => {
    const text = completeEvent(event("x"), `${"a".repeat(2998)}{{message.content}}`, "slack").text;
    expect(completeEvent(event("<"), `${"a".repeat(2998)}{{message.content}}`, "slack").text).toBe("a".repeat(2998));
    expect(text).toBe(`${"a".repeat(2998)}x`);
  });
});

describe("Discord escaping", () => {
  it("neutralises everyone, here and id mentions with a zero-width space", () => {
    expect(escapeDiscord("@everyone @here <@123> <@!123> <@&456>")).toBe("@\u200beveryone @\u200bhere \\<@\u200b123\\> \\<@\u200b!123\\> \\<@\u200b&456\\>");
  });

  it("shows markdown links, channel links and formatting as typed", () => {
    expect(escapeDiscord("[Your invoice](https://evil.example) <#789> **bold** `code` ||spoiler|| # big")).toBe(
      "\\[Your invoice\\]\\(https://evil.example\\) \\<\\#789\\> \\*\\*bold\\*\\* \\`code\\` \\|\\|spoiler\\|\\| \\# big",
    );
  });

  it("sends Discord text with no mention allowed to ping", () => {
    const body = JSON.parse(bodyFor("discord", completeEvent(event(ATTACK), "{{message.content}}", "discord")));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    // Every `<` and `[` that could open a mention or a link is backslash-escaped.
    expect(body.content).not.toMatch(/@everyone|@here|(?<!\\)[<[]|\]\(/);
  });

  it("keeps the admin's own template markup and escapes only the values filled in", () => {
    expect(completeEvent(event("@everyone"), "<@&42> see {{message.content}}", "discord").text).toBe("<@&42> see @\u200beveryone");
    expect(completeEvent(event("<!channel>"), "<!here> see {{message.content}}", "slack").text).toBe("<!here> see &lt;!channel&gt;");
  });
});
