import { spawn } from "node:child_process";

/**
 * wrangler dev records every invocation, storage call, RPC and alarm as a trace span in
 * .wrangler/state/v3/observability (the Local Explorer's Observability tab), which makes the local
 * product an order of magnitude slower under load. Off for `npm start`, the benchmarks and the browser
 * tests; `X_LOCAL_OBSERVABILITY=true npm start` turns it back on for debugging.
 */
export function localTracingEnv(): { X_LOCAL_OBSERVABILITY: string } {
  return { X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? "false" };
}

/** Runs a wrangler command locally and resolves with its stdout; rejects with its output on failure. */
export function wrangler(args: string[], options: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["wrangler", ...args], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) {
        if (!options.quiet && out.trim()) process.stdout.write(out.split("\n").filter((l) => l.trim()).slice(-3).join("\n") + "\n");
        resolve(out);
      } else reject(new Error(`wrangler ${args.join(" ")} failed (exit ${code}):\n${err || out}`));
    });
  });
}
