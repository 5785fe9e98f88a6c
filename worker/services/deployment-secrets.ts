/**
 * The deployment's own secrets. Missing, they fail closed with an error that names them: no code path
 * may fall back to a fixed key (an unset SECRETS_KEY used to encrypt with the text "undefined", which
 * anyone can reproduce). `npm start` writes random values into .dev.vars and the tests pin theirs in
 * vitest.config.ts, so there is no "development" fallback to switch on either.
 */
import { ApiError } from "../errors";

export type DeploymentSecret = "SECRETS_KEY" | "CONVERSATION_TOKEN_SECRET" | "EMAIL_API_KEY";

const PURPOSE: Record<DeploymentSecret, string> = {
  SECRETS_KEY: "webhook signing secrets cannot be encrypted or read",
  CONVERSATION_TOKEN_SECRET: "conversation tokens cannot be minted or checked",
  EMAIL_API_KEY: "emails cannot be sent through Resend (EMAIL_TRANSPORT = \"resend\")",
};

/** The secret's value, or a 503 `not_configured` naming it and how to set it. */
export function requireSecret(value: string | undefined, name: DeploymentSecret): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ApiError("not_configured", `${name} is not set, so ${PURPOSE[name]}; set it with \`npx wrangler secret put ${name}\` (README, Deploying)`);
  }
  return value;
}
