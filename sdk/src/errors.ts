/**
 * Why a call did not go through. Codes from the SDK itself:
 * - `buffer_full`: `maxBuffered` messages are already waiting for an acknowledgement; this one was refused.
 * - `closed`: the conversation was closed before the message was acknowledged.
 * - `payload_too_large`: the message is over the 40 KB frame limit.
 * - `unsupported`: no WebSocket implementation (pass one as the `WebSocket` option).
 * - `connection_failed`: a connection attempt failed; the SDK keeps retrying.
 * - `refused`: the server closed the conversation for good (key revoked or expired, chatbot archived or deleted);
 *   the SDK stops reconnecting and rejects what was waiting.
 * - `http_<status>` / `network`: a REST call failed after its retries.
 * Any other code is the server's (`invalid_frame`, `forbidden`, …; see the README's API section).
 * @example
 * try {
 *   await conversation.send({ role: "user", content: "Hi" });
 * } catch (error) {
 *   if (error instanceof OpenBatError && error.code === "buffer_full") showOfflineBanner();
 * }
 */
export class OpenBatError extends Error {
  override name = "OpenBatError";
  constructor(
    readonly code: string,
    message: string,
    /** The message id the error is about, when it is about one. */
    readonly id?: string,
  ) {
    super(message);
  }
}
