import { afterEach, describe, expect, it, vi } from "vitest";
import { createTenant } from "../helpers/tenant";
import { fast, next, sdk, stored } from "./fixtures";

/** Makes the SDK believe it runs in a web page. */
function inPage(page: { href: string; referrer: string; userAgent: string }) {
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal("document", { referrer: page.referrer });
  vi.stubGlobal("location", { href: page.href });
  vi.stubGlobal("navigator", { userAgent: page.userAgent });
  const storage = new Map<string, string>();
  vi.stubGlobal("sessionStorage", { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) });
}

afterEach(() => vi.unstubAllGlobals());

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

describe("SDK in a browser", () => {
  it("fills page URL, referrer, device and a session id by itself; what the integrator states wins", async () => {
    inPage({ href: "https://shop.example/pricing?plan=pro", referrer: "https://google.com/", userAgent: IPHONE });
    const t = await createTenant();
    const { openbat } = sdk(t.publishableKey);
    const conversation = openbat.connect({ session: { country: "NO" }, ...fast });
    const welcome = await next(conversation, "open");
    await conversation.send({ role: "user", content: "Is the Pro plan monthly?" });
    await conversation.end(); // ordered after the context frame
    const { state } = await stored(t, welcome.externalId);
    expect(state?.session).toMatchObject({
      pageUrl: "https://shop.example/pricing?plan=pro",
      referrer: "https://google.com/",
      device: "mobile",
      country: "NO",
      id: expect.stringMatching(/^s_[0-9a-f]{32}$/),
    });
    await conversation.close();
  });

  it("adds the page's session to a REST capture", async () => {
    inPage({ href: "https://shop.example/help", referrer: "", userAgent: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)" });
    const t = await createTenant();
    const { openbat } = sdk(t.ingestKey);
    await openbat.recordMessages({ conversationId: "page-rest", messages: [{ role: "user", content: "help" }], session: { country: "DE" } });
    expect((await stored(t, "page-rest")).state?.session).toMatchObject({ pageUrl: "https://shop.example/help", device: "tablet", country: "DE" });
  });

  it("warns loudly when a secret ingest key is used in a page", async () => {
    inPage({ href: "https://shop.example/", referrer: "", userAgent: "Mozilla/5.0 (X11; Linux x86_64)" });
    const t = await createTenant();
    const secret = sdk(t.ingestKey);
    expect(secret.log.lines.join()).toMatch(/SECRET INGEST KEY IN A BROWSER/);
    const publishable = sdk(t.publishableKey);
    expect(publishable.log.lines).toEqual([]);
  });
});
