/**
 * Cloudflare Email Service through the Worker's `send_email` binding (SEND_EMAIL in wrangler.toml). The
 * sender address must be on a domain onboarded to Email Sending (or, with Email Routing alone, mail can
 * only reach verified destination addresses). The binding's structured `send()` builds the MIME itself.
 */
import { EmailSendError, type EmailTransport } from "./transport";

export function cloudflareTransport(binding: SendEmail | undefined): EmailTransport {
  return {
    name: "cloudflare",
    async send(email) {
      if (!binding) throw new EmailSendError("the SEND_EMAIL binding is missing (wrangler.toml [[send_email]])", false);
      await binding.send({ from: email.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
  };
}
