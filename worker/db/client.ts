import { drizzle } from "drizzle-orm/d1";

export type Db = ReturnType<typeof createDb>;

/**
 * A drizzle client over D1 (or a D1 session). Without the schema: every query here is built from the
 * tables it names (select/insert/update/delete), none uses the relational `db.query` API, and passing the
 * schema makes drizzle derive the relational config of all its tables on every call — once per request,
 * queue batch and config load (~0.1 ms each, measured in Node; it showed in bench:profile's samples).
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}
