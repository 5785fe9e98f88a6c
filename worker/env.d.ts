// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; declared here instead.
interface Env {
  /** HMAC key for signed conversation tokens (browser sessions minted by the integrator's server). */
  CONVERSATION_TOKEN_SECRET?: string;
}
