// `npm run --silent demo:credentials`: the seeded demo tenant as one JSON object, for scripts.
import { existsSync, readFileSync } from "node:fs";
import { CREDENTIALS_FILE } from "./seed";

if (!existsSync(CREDENTIALS_FILE)) {
  console.error("No demo tenant yet: run `npm start` once, it seeds one and prints it.");
  process.exit(1);
}
const credentials = JSON.parse(readFileSync(CREDENTIALS_FILE, "utf8")) as Record<string, string>;
const port = process.env.PORT ?? "8787";
console.log(JSON.stringify({ ...credentials, url: credentials.url ?? `http://127.0.0.1:${port}` }, null, 2));
