/** The cron trigger's entry: one bounded run of the semantic back-fill, when semantic search is on. */
import { runBackfill } from "./backfill";
import { semanticOf } from "./semantic";

export async function runScheduledBackfill(_controller: ScheduledController, env: Env): Promise<void> {
  const semantic = semanticOf(env);
  if (!semantic) return;
  try {
    const progress = await runBackfill(env.DB, semantic);
    if (progress.embedded) console.log("semantic back-fill", progress);
  } catch (error) {
    console.error("semantic back-fill stopped; the next run resumes", { error: String(error) });
  }
}
