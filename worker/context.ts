import type { Db } from "./db/client";
import type { KeyScope } from "./services/keys";

/** Hono's typing for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Db;
    auth: KeyScope;
  };
}
