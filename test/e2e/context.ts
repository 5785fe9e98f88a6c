/** What the e2e global setup hands to the tests (vitest `provide` / `inject`). */
export interface E2EContext {
  /** Set when the browser tests cannot run here (no Chromium); the server is then not started. */
  skipReason: string | null;
  chromium: string;
  url: string;
  /** The seeded demo tenant: its owner's login and one key of each kind. */
  demo: {
    email: string;
    password: string;
    organizationId: string;
    chatbotId: string;
    ingestKey: string;
    readKey: string;
    adminKey: string;
  };
  /** The server's output, where invitation and reset "emails" are printed. */
  logFile: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2EContext;
  }
}
