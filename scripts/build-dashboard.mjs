/**
 * Builds the dashboard (dashboard/ → dashboard/dist, which the Worker serves as static assets) with Vite.
 * Offline and quick: a build is skipped when nothing it reads has changed since the last one (a hash of
 * the dashboard's sources, its config and package-lock.json, kept under node_modules/.cache).
 * `npm start` imports this file; `npm test` runs it before the tests (pretest).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "..");
const dashboard = path.join(repo, "dashboard");
const dist = path.join(dashboard, "dist");
const stampFile = path.join(repo, "node_modules/.cache/openbat-dashboard/build-hash");

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

function inputsHash() {
  const hash = createHash("sha256");
  const inputs = [
    ...files(path.join(dashboard, "src")),
    ...(existsSync(path.join(dashboard, "public")) ? files(path.join(dashboard, "public")) : []),
    path.join(dashboard, "index.html"),
    path.join(dashboard, "vite.config.ts"),
    path.join(repo, "package-lock.json"),
    import.meta.filename,
  ];
  for (const file of inputs) hash.update(path.relative(repo, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function distSizeKb() {
  let bytes = 0;
  for (const file of files(dist)) bytes += statSync(file).size;
  return Math.round(bytes / 1024);
}

const wanted = inputsHash();
const built = existsSync(stampFile) && existsSync(path.join(dist, "index.html")) ? readFileSync(stampFile, "utf8") : "";
if (built === wanted && process.env.DASHBOARD_REBUILD !== "1") {
  console.log("Dashboard up to date (dashboard/dist).");
} else {
  const started = Date.now();
  const { build } = await import("vite");
  // Vite builds React's development bundle when NODE_ENV says so (vitest sets "test" for the browser tests'
  // set-up), and users never get that one: the build is always a production build, whoever runs it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(dashboard, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, wanted);
  console.log(`Dashboard built in ${((Date.now() - started) / 1000).toFixed(1)}s: dashboard/dist, ${distSizeKb()} kB.`);
}

// The API reference (/api/docs, worker/routes/docs.ts) runs Scalar's standalone bundle from this host, never
// from a CDN, so it works offline: copied next to the dashboard's files (a build empties dist, so every time).
const scalarBundle = path.join(repo, "node_modules/@scalar/api-reference/dist/browser/standalone.js");
const scalarTarget = path.join(dist, "api-docs/scalar.js");
if (!existsSync(scalarTarget) || statSync(scalarTarget).size !== statSync(scalarBundle).size) {
  mkdirSync(path.dirname(scalarTarget), { recursive: true });
  copyFileSync(scalarBundle, scalarTarget);
}
