/**
 * The log transport (LOG_EMAILS=true: `npm start`, the tests): an email is one log line
 * `[email to <address>] <subject>: <link>`, the link last, so a developer can click it in the terminal.
 * It prints the link in full, token and all — which is why it is never used in a deployment.
 */
import type { EmailTransport } from "./transport";

export const logTransport: EmailTransport = {
  name: "log",
  async send(email) {
    const oneLine = (email.link ?? email.text).replace(/\s+/g, " ").trim();
    console.info(`[email to ${email.to}] ${email.subject}: ${oneLine}`);
  },
};
