/**
 * Which transport this deployment sends with, chosen by explicit settings (never by which bindings
 * happen to exist): LOG_EMAILS=true → the log; otherwise EMAIL_TRANSPORT "cloudflare" (the send_email
 * binding) or "resend" (HTTP, EMAIL_API_KEY secret), from the EMAIL_FROM address.
 */
import { requireSecret } from "../services/deployment-secrets";
import { cloudflareTransport } from "./cloudflare-transport";
import { logTransport } from "./log-transport";
import { resendTransport } from "./resend-transport";
import { EmailSendError, type EmailTransport } from "./transport";

export type EmailEnv = Pick<Env, "LOG_EMAILS" | "EMAIL_TRANSPORT" | "EMAIL_FROM" | "EMAIL_API_KEY" | "SEND_EMAIL">;

export function emailTransport(env: EmailEnv): EmailTransport {
  if (env.LOG_EMAILS === "true") return logTransport;
  switch (env.EMAIL_TRANSPORT) {
    case "cloudflare":
      return cloudflareTransport(env.SEND_EMAIL);
    case "resend":
      return resendTransport(requireSecret(env.EMAIL_API_KEY, "EMAIL_API_KEY"));
    default:
      // Not permanent: once the setting is fixed, what is still queued goes out.
      throw new EmailSendError(`EMAIL_TRANSPORT is "${env.EMAIL_TRANSPORT ?? ""}"; set it to "cloudflare" or "resend" (README, Deploying)`, false);
  }
}

/** The sender address; the log transport does not need a real one. */
export function senderAddress(env: EmailEnv): string {
  const from = (env.EMAIL_FROM ?? "").trim();
  if (from) return from;
  if (env.LOG_EMAILS === "true") return "OpenBat <openbat@localhost>";
  throw new EmailSendError("EMAIL_FROM is not set: set it under [vars] to an address of your sending domain (README, Deploying)", false);
}
