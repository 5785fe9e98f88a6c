// `npm run sdk:build` (root) or `npm run build` (here): dist/index.js (ESM, partysocket left as a
// dependency) with esbuild, then dist/*.d.ts with tsc. The size script bundles separately.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
rmSync(`${here}dist`, { recursive: true, force: true });
await build({
  entryPoints: [`${here}src/index.ts`],
  outfile: `${here}dist/index.js`,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["partysocket", "partysocket/*"],
  sourcemap: true,
  legalComments: "none",
});
execFileSync(process.execPath, [fileURLToPath(import.meta.resolve("typescript/bin/tsc")), "-p", `${here}tsconfig.json`], { stdio: "inherit" });
console.log("sdk/dist: index.js, index.d.ts");
