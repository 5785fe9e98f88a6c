import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dashboard is static files the Worker serves (wrangler.toml [assets]); `vite dashboard` during
// development proxies the API and the live feed to `npm start` on :8787.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, "dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", ws: true },
      "/health": "http://127.0.0.1:8787",
    },
  },
});
