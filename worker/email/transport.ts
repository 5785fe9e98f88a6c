/**
 * One way to send an email, whatever carries it: Cloudflare's `send_email` binding, an HTTP provider
 * (Resend), or the log (local development and the tests). The queue consumer is the only caller.
 */

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The email's one link, printed by the log transport (the others send it inside text and HTML). */
  link?: string;
}

export interface EmailTransport {
  readonly name: string;
  /** Resolves once the carrier accepted the email; throws EmailSendError (or anything) when it did not. */
  send(email: OutgoingEmail): Promise<void>;
}

/** A failure the carrier reported; `permanent` when sending the same email again cannot succeed. */
export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "EmailSendError";
  }
}
