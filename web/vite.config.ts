import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The dev server proxies the API to a running gateway (deploy/sentra up
// prints its address), so the console runs from the same origin as in
// production and the gateway's CSP and CORS need no exception.
const gateway = process.env.SENTRA_GATEWAY_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/v1": { target: gateway, changeOrigin: false } } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Everything as files under /assets/ with content hashes: nothing
    // inlined, so the CSP needs no data: scripts or styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: "es2021",
  },
});
