import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";
import { onwarn } from "./build-warnings";

/** Writes the dashboard's HTML page next to its script and stylesheet. */
function dashboardPage(): Plugin {
  return {
    name: "supportal-dashboard-page",
    generateBundle() {
      this.emitFile({
        type: "asset",
        fileName: "dashboard.html",
        source: readFileSync(new URL("./src/dashboard/dashboard.html", import.meta.url), "utf8"),
      });
    },
  };
}

/**
 * The business owner's dashboard, its own entry so none of it lands in the widget's bundle:
 * `dist/dashboard.html`, `dist/dashboard.js` and `dist/dashboard.css`, fixed names served by the
 * server with ETags. Runs after the widget build, which empties `dist`, so this one must not.
 */
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact", jsxDev: false, legalComments: "none" },
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [dashboardPage()],
  build: {
    outDir: "dist",
    emptyOutDir: false,
    minify: true,
    reportCompressedSize: false,
    rollupOptions: { onwarn },
    copyPublicDir: false,
    lib: {
      entry: "src/dashboard/main.tsx",
      formats: ["iife"],
      name: "SupportalDashboard",
      fileName: () => "dashboard.js",
      cssFileName: "dashboard",
    },
  },
});
