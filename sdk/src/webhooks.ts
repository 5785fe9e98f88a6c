/**
 * Verifying OpenBat's webhooks on your side: Standard Webhooks signatures (HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}` with the base64 part of the `whsec_` secret).
 */

/**
 * Request headers as Fetch (`Headers`) or Node (`IncomingHttpHeaders`) give them.
 * @example const headers: HeadersLike = request.headers; // or req.headers in Node
 */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/**
 * Options for {@link verifyWebhook}.
 * @example await verifyWebhook(secret, headers, body, { toleranceSeconds: 60 });
 */
export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300): older deliveries are replays. */
  toleranceSeconds?: number;
}

const header = (headers: HeadersLike, name: string): string => {
  const value = typeof headers.get === "function" ? (headers as Headers).get(name) : (headers as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Resolves true when the webhook was signed with `secret`, its body is untouched and its timestamp is
 * within the tolerance. Never throws: malformed input is simply not verified. Pass the raw body
 * exactly as received (parse JSON only after verifying).
 * @example
 * app.post("/openbat-webhook", async (req, res) => {
 *   if (!(await verifyWebhook(process.env.OPENBAT_WEBHOOK_SECRET!, req.headers, req.rawBody))) return res.status(401).end();
 *   const event = JSON.parse(req.rawBody);
 *   // deduplicate on req.headers["webhook-id"]: deliveries are at least once
 * });
 */
export async function verifyWebhook(
  secret: string,
  headers: HeadersLike,
  body: string | Uint8Array | ArrayBuffer,
  { toleranceSeconds = 300 }: VerifyOptions = {},
): Promise<boolean> {
  try {
    const id = header(headers, "webhook-id");
    const timestamp = header(headers, "webhook-timestamp");
    const seconds = Number(timestamp);
    if (!id || !/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - seconds) > toleranceSeconds) return false;
    const text = typeof body === "string" ? body : new TextDecoder().decode(body);
    const key = await crypto.subtle.importKey("raw", fromBase64(secret.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${text}`)));
    // Several signatures may be sent (space-separated) while a secret is being rotated.
    return header(headers, "webhook-signature")
      .split(" ")
      .some((entry) => {
        const [version, signature] = entry.split(",");
        if (version !== "v1" || !signature) return false;
        let given: Uint8Array;
        try {
          given = fromBase64(signature);
        } catch {
          return false; // not base64: not ours, but a later entry may still be
        }
        if (given.length !== expected.length) return false;
        // Constant time: look at every byte whatever the first difference, so timing says nothing.
        let diff = 0;
        for (let i = 0; i < given.length; i++) diff |= given[i]! ^ expected[i]!;
        return diff === 0;
      });
  } catch {
    return false;
  }
}
