import type { Db } from "./db/client";
import type { KeyScope } from "./services/keys";
import type { Role, Session } from "./services/sessions";

/** Hono's typing for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's D1 session (reads near the viewer, worker/db/read-session.ts); `db` runs on it. */
    d1: D1DatabaseSession;
    db: Db;
    /**
     * D1's primary, for who may do what (keys, sessions, memberships, a token's minting key): a revocation,
     * log-out or removal holds at once, where `db` may read a replica a moment behind.
     */
    authDb: Db;
    auth: KeyScope;
    /** Organization routes: the member's session and role in `:orgId`. */
    session: Session;
    role: Role;
  };
}
