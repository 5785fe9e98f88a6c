// `npm run sdk:build` (root) or `npm run build` (here): the three entries with esbuild — dist/index.js
// (the browser-safe client; partysocket left as a dependency), dist/ai.js (`openbat/ai`, servers) and
// dist/bin.js (the `openbat` command) — sharing code through split chunks, then dist/*.d.ts with tsc.
// The size script bundles the browser entry separately.
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
rmSync(`${here}dist`, { recursive: true, force: true });
await build({
  entryPoints: [`${here}src/index.ts`, `${here}src/ai.ts`, `${here}src/bin.ts`],
  outdir: `${here}dist`,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["partysocket", "partysocket/*"],
  sourcemap: true,
  legalComments: "none",
});
chmodSync(`${here}dist/bin.js`, 0o755);
execFileSync(process.execPath, [fileURLToPath(import.meta.resolve("typescript/bin/tsc")), "-p", `${here}tsconfig.json`], { stdio: "inherit" });
console.log("sdk/dist: index.js, ai.js, bin.js and their .d.ts");
