import { defineConfig } from "drizzle-kit";

// Generates D1 SQL migrations from worker/db/schema.ts; wrangler applies them from migrations/.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
