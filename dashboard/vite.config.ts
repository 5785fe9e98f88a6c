import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const boot = path.join(import.meta.dirname, "src/boot.ts");

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
        return [{ tag: "script", attrs: { type: "module", async: true, src }, injectTo: "head" }];
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
    rollupOptions: { input: { index: path.join(import.meta.dirname, "index.html"), boot } },
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", ws: true },
      "/health": "http://127.0.0.1:8787",
    },
  },
});
