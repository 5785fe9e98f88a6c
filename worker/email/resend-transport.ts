/**
 * An HTTP provider: Resend's JSON API (`POST https://api.resend.com/emails`), authenticated by the
 * EMAIL_API_KEY secret. The key only ever goes into the Authorization header, never into an error.
 * 429, 5xx and network failures are worth retrying; 401/403 too (a key fixed later still sends what is
 * queued); any other 4xx means this email will never be accepted.
 */
import { EmailSendError, type EmailTransport } from "./transport";

export const RESEND_URL = "https://api.resend.com/emails";
const TIMEOUT_MS = 10_000;

export function resendTransport(apiKey: string, fetcher: typeof fetch = (input, init) => fetch(input, init)): EmailTransport {
  return {
    name: "resend",
    async send(email) {
      let res: Response;
      try {
        res = await fetcher(RESEND_URL, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "user-agent": "OpenBat-Email/1" },
          body: JSON.stringify({ from: email.from, to: [email.to], subject: email.subject, text: email.text, html: email.html }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        throw new EmailSendError(`resend unreachable: ${error instanceof Error ? error.message : String(error)}`, false);
      }
      if (res.ok) return;
      const answer = (await res.text().catch(() => "")).slice(0, 200);
      const retryable = res.status === 429 || res.status >= 500 || res.status === 401 || res.status === 403;
      throw new EmailSendError(`resend answered HTTP ${res.status}: ${answer}`, !retryable);
    },
  };
}
