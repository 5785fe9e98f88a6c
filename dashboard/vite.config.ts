import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const src = path.join(import.meta.dirname, "src");
const boot = path.join(src, "boot.ts");

/**
 * What boot.ts needs, in one chunk that the page preloads with the application (which imports it too):
 * boot.ts then runs after a single round trip, however busy the main bundle's download is.
 */
const bootDependencies = ["api/client.ts", "api/query-client.ts", "lib/first-paint-contract.ts", "lib/range.ts", "pages/chatbot/attention-query.ts", "pages/chatbot/overview-queries.ts", "session/chatbot-lookup.ts", "session/first-paint.ts", "session/session-probe.ts"].map((f) => path.join(src, f));
function earlyChunk(id: string): string | undefined {
  if (bootDependencies.includes(id) || id.includes("/node_modules/@tanstack/query-core/") || id.includes("vite/preload-helper")) return "early";
  return undefined;
}

/**
 * src/boot.ts is an entry of its own, loaded by the page with `async` ahead of the application: it
 * starts the page's requests while the application's bundle is still arriving. Vite folds every module
 * script of index.html into one entry, so the tag is added here, pointing at the built (hashed) file.
 */
function bootScript(): Plugin {
  return {
    name: "openbat-boot-script",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const chunk = context.bundle && Object.values(context.bundle).find((c) => c.type === "chunk" && c.isEntry && c.facadeModuleId === boot);
        const src = chunk ? `/${chunk.fileName}` : "/src/boot.ts";
        // First in <head>: over HTTP/1.1 (six connections) a tag after the bundle's five files would wait for one of them.
        return [{ tag: "script", attrs: { type: "module", async: true, fetchpriority: "high", src }, injectTo: "head-prepend" }];
      },
    },
  };
}

// The dashboard is static files the Worker serves (wrangler.toml [assets]); `vite dashboard` during
// development proxies the API and the live feed to `npm start` on :8787.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), bootScript()],
  build: {
    outDir: path.join(import.meta.dirname, "dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
    rollupOptions: { input: { index: path.join(import.meta.dirname, "index.html"), boot }, output: { manualChunks: earlyChunk } },
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", ws: true },
      "/health": "http://127.0.0.1:8787",
    },
  },
});
