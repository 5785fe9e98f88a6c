/**
 * Loads the Worker's own modules in Node, for code generators and their staleness tests. The Worker's
 * module graph imports `cloudflare:workers` (Durable Object base classes), which only workerd provides:
 * those imports get empty stand-ins, enough for the modules to load — nothing loaded here handles a
 * request. The code is bundled once per call with esbuild, so it runs from tsx and vitest alike.
 */
import { build, type PluginBuild } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

const cloudflareStandIn = {
  name: "cloudflare-stand-in",
  setup(b: PluginBuild) {
    b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: "cloudflare-stand-in" }));
    b.onLoad({ filter: /.*/, namespace: "cloudflare-stand-in" }, () => ({
      contents: "export class DurableObject {} export class WorkerEntrypoint {} export const env = {};",
      loader: "js",
    }));
  },
};

/** Evaluates `source` (TypeScript, paths relative to the repository root) and answers its exports. */
export async function importWorkerModules<T>(source: string): Promise<T> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "error",
    plugins: [cloudflareStandIn],
  });
  const code = Buffer.from(result.outputFiles[0]!.contents).toString("base64");
  return (await import(`data:text/javascript;base64,${code}`)) as T;
}
