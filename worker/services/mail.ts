/**
 * Emails to members. No provider is wired in yet (README, Known limits): with LOG_EMAILS=true (`npm
 * start`, the tests) the email is one log line `[email to <address>] <text>`, links last; otherwise it is
 * dropped and a warning says so.
 */
export function sendEmail(env: Pick<Env, "LOG_EMAILS">, to: string, text: string): void {
  if (env.LOG_EMAILS === "true") console.info(`[email to ${to}] ${text}`);
  else console.warn("an email was not sent: no email provider is configured (README, Known limits)");
}
