/**
 * The email queue's consumer: renders each message's email and hands it to the transport. A failure
 * is retried with growing delays (the queue's max_retries, then its dead-letter queue, whose consumer
 * logs the email as not sent); a failure the carrier calls permanent is not retried. Logs name the kind
 * of email, a masked address and the attempt — never a link, since links carry one-time tokens.
 */
import { maskAddress, safeError } from "./mask";
import { markAlertFailed, markAlertSent } from "./alert-runs";
import { emailMessage, type EmailMessage } from "./message";
import { emailTransport, senderAddress } from "./select-transport";
import { renderEmail } from "./templates";
import { EmailSendError, type EmailTransport } from "./transport";

/** Delay before retry n (1-based), in seconds: about 4 hours over 8 retries, so a fixed setting still sends. */
export const EMAIL_RETRY_DELAYS = [10, 30, 120, 300, 900, 1800, 3600, 7200];

export function emailRetryDelay(attempt: number): number {
  return EMAIL_RETRY_DELAYS[Math.min(Math.max(attempt, 1), EMAIL_RETRY_DELAYS.length) - 1]!;
}

/**
 * `transport` is chosen from the settings unless given (the tests give a fake one).
 * @example await handleEmailQueue(batch, env) // from the Worker's queue() for "openbat-email" and its DLQ
 */
export async function handleEmailQueue(batch: MessageBatch<unknown>, env: Env, transport?: EmailTransport): Promise<void> {
  const deadLetters = batch.queue.endsWith("-dlq");
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = emailMessage.safeParse(message.body);
      if (!parsed.success) {
        console.error("unreadable email message dropped", { queue: batch.queue, id: message.id });
        return message.ack();
      }
      const mail = parsed.data;
      const who = { kind: mail.kind, to: maskAddress(mail.to), attempt: message.attempts };
      if (deadLetters) {
        console.error("email not sent: retries exhausted", who);
        await settleFailed(env, mail, `email to ${maskAddress(mail.to)} not sent: retries exhausted`);
        return message.ack();
      }
      try {
        const carrier = transport ?? emailTransport(env);
        await carrier.send({ from: senderAddress(env), to: mail.to, ...renderEmail(mail) });
        console.log("email sent", { ...who, transport: carrier.name });
        if (mail.kind === "workflow_alert") await markAlertSent(env.DB, mail);
        message.ack();
      } catch (error) {
        if (error instanceof EmailSendError && error.permanent) {
          console.error("email not sent: permanent failure", { ...who, error: safeError(error) });
          await settleFailed(env, mail, `email to ${maskAddress(mail.to)} not sent: ${safeError(error)}`);
          return message.ack();
        }
        const delaySeconds = emailRetryDelay(message.attempts);
        console.warn("email not sent, retrying", { ...who, delaySeconds, error: safeError(error) });
        message.retry({ delaySeconds });
      }
    }),
  );
}

async function settleFailed(env: Env, mail: EmailMessage, reason: string): Promise<void> {
  if (mail.kind !== "workflow_alert") return;
  await markAlertFailed(env.DB, mail, reason).catch((error) => console.error("could not mark the run failed", { runId: mail.runId, error: safeError(error) }));
}
