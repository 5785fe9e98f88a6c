import { describe, expect, it } from "vitest";
import { deviceFromUserAgent, edgeSession, locationHint } from "../../worker/geo";

describe("device detection", () => {
  it.each([
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", "mobile"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36", "mobile"],
    ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15", "tablet"],
    ["Mozilla/5.0 (Linux; Android 14; SM-X700) AppleWebKit/537.36 Chrome/126 Safari/537.36", "tablet"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15", "desktop"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126 Safari/537.36", "desktop"],
  ])("reads %s as %s", (ua, device) => {
    expect(deviceFromUserAgent(ua)).toBe(device);
  });

  it("trusts the mobile client hint over the user agent", () => {
    expect(deviceFromUserAgent("Mozilla/5.0 (X11; Linux x86_64)", "?1")).toBe("mobile");
  });

  it("says nothing without a user agent", () => {
    expect(deviceFromUserAgent(undefined)).toBeUndefined();
  });
});

describe("edge session", () => {
  it("falls back to the cf-ipcountry header and upper-cases it", () => {
    const request = new Request("https://x.test", { headers: { "cf-ipcountry": "nl" } });
    expect(edgeSession(request).country).toBe("NL");
  });

  it("ignores Cloudflare's unknown-country marker", () => {
    const request = new Request("https://x.test", { headers: { "cf-ipcountry": "XX" } });
    expect(edgeSession(request).country).toBeUndefined();
  });

  it("uses only forwarded headers when a server forwards its end user's", () => {
    const request = new Request("https://x.test", { headers: { "cf-ipcountry": "US", "user-agent": "curl/8" } });
    const session = edgeSession(request, { "CF-IPCountry": "KE", "User-Agent": "Mozilla/5.0 (iPhone) Mobile" });
    expect(session).toEqual({ country: "KE", device: "mobile" });
  });

  it("places a conversation near its continent", () => {
    expect(locationHint("EU")).toBe("weur");
    expect(locationHint("OC")).toBe("oc");
    expect(locationHint(undefined)).toBeUndefined();
  });
});
