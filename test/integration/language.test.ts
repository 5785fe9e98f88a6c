import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { setAiForTests } from "../../worker/analysis/run";
import { conversationStub } from "../../worker/services/conversation-stub";
import { FakeAi, wellFormed } from "../helpers/fake-ai";
import { call, capture, type ErrorBody } from "../helpers/http";
import { connect } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

afterEach(() => setAiForTests(null));

interface DetailBody {
  data: {
    language: string | null;
    messages: { role: string; language: string | null; analysis: { analysis: { language?: string }; translation?: string; language?: string } | null }[];
  };
}
interface ListBody {
  data: { id: string; externalId: string; language: string | null }[];
  pagination: { total: number };
}

/** Captures one conversation, runs its analysis and writes it to the D1 index; returns its id. */
async function converse(t: Tenant, externalId: string, messages: { role: "user" | "assistant"; content: string }[]): Promise<string> {
  const res = (await (await capture(t.ingestKey, { conversationId: externalId, messages })).json()) as { conversationId: string };
  await syncIndex(conversationStub(env, t.chatbotId, externalId));
  return res.conversationId;
}

const detail = async (t: Tenant, id: string) => (await (await call(`/api/v1/conversations/${id}`, { key: t.readKey })).json()) as DetailBody;
const readList = async (t: Tenant, query: string) => (await (await call(`/api/v1/conversations${query}`, { key: t.readKey })).json()) as ListBody;
const table = async (t: Tenant, query: string) => (await (await call(`/api/v1/analytics/conversations${query}`, { key: t.readKey })).json()) as ListBody;

describe("detected language in the read API", () => {
  it("gives a German user message and its conversation `de`, and leaves the assistant's reply without one", async () => {
    const t = await createTenant();
    const id = await converse(t, "de-1", [
      { role: "user", content: "Ich möchte mein Abo kündigen, die Zahlungsseite lädt nicht" },
      { role: "assistant", content: "I'm sorry to hear that. Let me check your subscription." },
    ]);
    const body = await detail(t, id);
    expect(body.data.language).toBe("de");
    expect(body.data.messages.map((m) => [m.role, m.language])).toEqual([
      ["user", "de"],
      ["assistant", null],
    ]);
    expect(body.data.messages[0]?.analysis?.analysis.language).toBe("de");
    const listed = await readList(t, "");
    expect(listed.data).toEqual([expect.objectContaining({ id, language: "de" })]);
    expect((await table(t, "")).data).toEqual([expect.objectContaining({ id, language: "de" })]);
  });

  it("takes the most frequent language of the user messages as the conversation's, ignoring `und`", async () => {
    const t = await createTenant();
    const id = await converse(t, "mixed", [
      { role: "user", content: "hallo" },
      { role: "user", content: "Ich möchte mein Abo kündigen" },
      { role: "user", content: "Je veux résilier mon abonnement" },
      { role: "user", content: "ok" },
      { role: "user", content: "la page de paiement ne charge pas" },
      { role: "user", content: "thanks!" },
    ]);
    const body = await detail(t, id);
    expect(body.data.messages.map((m) => m.language)).toEqual(["und", "de", "fr", "und", "fr", "und"]);
    expect(body.data.language).toBe("fr");
    expect((await readList(t, "")).data[0]?.language).toBe("fr");
  });

  it("marks a conversation whose user messages are all too short to tell `und`", async () => {
    const t = await createTenant();
    const id = await converse(t, "short", [
      { role: "user", content: "ok" },
      { role: "user", content: "thanks!" },
    ]);
    expect((await detail(t, id)).data.language).toBe("und");
    expect((await table(t, "?language=und")).data.map((r) => r.id)).toEqual([id]);
  });

  it("has no language before any user message was analysed", async () => {
    const t = await createTenant();
    const id = await converse(t, "bot-only", [{ role: "assistant", content: "Hello! How can I help you today?" }]);
    expect((await detail(t, id)).data.language).toBeNull();
    expect((await readList(t, "")).data[0]?.language).toBeNull();
  });

  it("tells every socket the language in the annotation frame", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/live-lang", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", id: "m1", role: "user", content: "Mi avete addebitato due volte questo mese" });
    await socket.next("ack");
    const frame = await socket.next("annotation");
    expect(frame.analysis.language).toBe("it");
    socket.close();
  });
});

describe("filtering conversations by language", () => {
  async function seedThree(t: Tenant) {
    return {
      de: await converse(t, "de", [{ role: "user", content: "Mir wurde diesen Monat doppelt abgebucht" }]),
      es: await converse(t, "es", [{ role: "user", content: "Me cobraron dos veces este mes" }]),
      en: await converse(t, "en", [{ role: "user", content: "I was charged twice this month" }]),
    };
  }

  it("narrows the conversations table and the conversation list to one language, any case", async () => {
    const t = await createTenant();
    const ids = await seedThree(t);
    expect((await table(t, "?language=de")).data.map((r) => r.id)).toEqual([ids.de]);
    expect((await table(t, "?language=ES")).data.map((r) => r.id)).toEqual([ids.es]);
    expect((await table(t, "?language=de")).pagination.total).toBe(1);
    expect((await table(t, "")).pagination.total).toBe(3);
    expect((await readList(t, "?language=en")).data.map((r) => r.id)).toEqual([ids.en]);
    expect((await table(t, "?language=pt")).data).toEqual([]);
  });

  it("never shows another tenant's conversations in that language", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    await converse(theirs, "theirs-de", [{ role: "user", content: "Ich kann mich seit gestern nicht anmelden" }]);
    const myId = await converse(mine, "mine-de", [{ role: "user", content: "Die Integration funktioniert nicht mehr" }]);
    expect((await table(mine, "?language=de")).data.map((r) => r.id)).toEqual([myId]);
    expect((await readList(mine, "?language=de")).data.map((r) => r.id)).toEqual([myId]);
  });

  it("answers 400 naming `language` for a value that is not a detectable language", async () => {
    const t = await createTenant();
    for (const value of ["german", "ge", "d", "xx", "de-DE", "undefined"]) {
      for (const path of ["/api/v1/analytics/conversations", "/api/v1/conversations"]) {
        const res = await call(`${path}?language=${value}`, { key: t.readKey });
        expect(res.status, `${path} ${value}`).toBe(400);
        const body = (await res.json()) as ErrorBody;
        expect(body.error.details?.map((d) => d.field), `${path} ${value}`).toEqual(["language"]);
      }
    }
  });
});

describe("language with Workers AI", () => {
  it("takes as the primary language only a language messages can be detected in", async () => {
    const t = await createTenant();
    const patch = (primaryLanguage: unknown) => call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { primaryLanguage } });
    for (const refused of ["zz", "und", "EN", "eng"]) {
      const res = await patch(refused);
      expect(res.status, refused).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.details?.map((d) => d.field), refused).toEqual(["primaryLanguage"]);
      // A wrong case is told what to send as an unknown code is: the lower-case list.
      expect(error.message, refused).toMatch(/in lower case: .*\bde, .*\ben, /);
    }
    expect((await patch("de")).status).toBe(200);
    expect((await patch(null)).status).toBe(200);
  });

  it("keeps the detector's language over the model's and translates from it", async () => {
    const ai = new FakeAi((c) => (c.model.includes("m2m100") ? { translated_text: "I want to cancel my subscription" } : { response: { ...wellFormed, language: "es" } }));
    setAiForTests(ai);
    const t = await createTenant();
    await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { primaryLanguage: "en", autoTranslate: true } });
    const id = await converse(t, "ai-pt", [{ role: "user", content: "Quero cancelar minha assinatura" }]);
    const body = await detail(t, id);
    expect(body.data.language).toBe("pt");
    expect(body.data.messages[0]).toMatchObject({ language: "pt", analysis: { language: "pt", translation: "I want to cancel my subscription" } });
    expect(ai.calls.find((c) => c.model.includes("m2m100"))?.inputs).toMatchObject({ source_lang: "pt", target_lang: "en" });
  });

  it("does not translate a message too short to tell, whatever language the model names", async () => {
    const ai = new FakeAi((c) => (c.model.includes("m2m100") ? { translated_text: "thanks" } : { response: { ...wellFormed, language: "fr" } }));
    setAiForTests(ai);
    const t = await createTenant();
    await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { primaryLanguage: "en", autoTranslate: true } });
    const id = await converse(t, "ai-short", [{ role: "user", content: "merci" }]);
    const body = await detail(t, id);
    expect(body.data.messages[0]?.language).toBe("und");
    expect(body.data.messages[0]?.analysis?.translation).toBeUndefined();
    expect(ai.calls.some((c) => c.model.includes("m2m100"))).toBe(false);
  });
});
