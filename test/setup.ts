import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { loadLanguageDetector } from "../worker/analysis/language";

// Setup files run outside per-file storage isolation and may run more than once;
// applyD1Migrations only applies what is missing, so this is safe.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Tests call the analyzer's synchronous entry (analyzeSync) directly; the product loads the language detector
// before its first analysis (worker/analysis/language.ts), the tests once here.
await loadLanguageDetector();
