/**
 * Sending an email, from a request or a Durable Object: the email is put on the email queue and the
 * caller moves on; the queue's consumer (worker/email/consumer.ts) renders and sends it through the
 * configured transport, retrying failures. So a slow or failing mail provider never slows or fails a
 * request, and an email survives a provider outage of hours.
 */
import { emailMessage, type EmailMessage } from "../email/message";

export type { EmailMessage };

/** Queues one email. @example await sendEmail(env, { kind: "password_reset", to, link }) */
export async function sendEmail(env: Pick<Env, "EMAILS">, message: EmailMessage): Promise<void> {
  await env.EMAILS.send(emailMessage.parse(message));
}

/** Queues many emails in one call (a workflow alert to several members). */
export async function sendEmails(env: Pick<Env, "EMAILS">, messages: EmailMessage[]): Promise<void> {
  // A queue batch holds at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) {
    await env.EMAILS.sendBatch(messages.slice(i, i + 100).map((m) => ({ body: emailMessage.parse(m) })));
  }
}
