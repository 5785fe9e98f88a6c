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
    auth: KeyScope;
    /** Organization routes: the member's session and role in `:orgId`. */
    session: Session;
    role: Role;
  };
}
