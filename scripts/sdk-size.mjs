// `npm run sdk:size`: what the SDK costs a web page — bundled for browsers with partysocket included,
// minified, then gzipped — checked against the 8.25 KB budget (exit 1 when over; 8 KB until the frame pacing,
// sdk/src/pacer.ts, added about 0.25 KB).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 8.25 * 1024;
const result = await build({
  entryPoints: [new URL("../sdk/src/index.ts", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  legalComments: "none",
  metafile: true,
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^.*node_modules\//, ""), bytesInOutput }))
  .sort((a, b) => b.bytesInOutput - a.bytesInOutput);
console.log("openbat browser bundle (ESM, partysocket included)");
for (const { file, bytesInOutput } of inputs) console.log(`  ${kb(bytesInOutput).padStart(9)}  ${file}`);
console.log(`minified: ${kb(code.length)} (${code.length} bytes)`);
console.log(`minified + gzip: ${kb(gzipped)} (${gzipped} bytes), budget ${kb(BUDGET)}`);
if (gzipped > BUDGET) {
  console.error("over budget");
  process.exit(1);
}
