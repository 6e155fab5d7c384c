import { defineConfig } from "vite";
import { onwarn } from "./build-warnings";

/**
 * One self-contained IIFE (`dist/supportal-widget.js`): the CSS is imported as a string and injected
 * into the shadow root at runtime, so hosts embed a single <script> and nothing else.
 */
export default defineConfig({
  // jsxDev stays off even when NODE_ENV is "test" (bun test sets it; the size budget builds from there).
  // ASCII output: a host page in a legacy encoding, or a CDN without "charset=utf-8", must not
  // garble the UI strings.
  esbuild: {
    jsx: "automatic",
    jsxImportSource: "preact",
    jsxDev: false,
    charset: "ascii",
    legalComments: "none",
  },
  define: { "process.env.NODE_ENV": '"production"' },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Terser packs the widget ~4 % smaller than esbuild's minifier (the 15 KB budget is gzipped bytes).
    minify: "terser",
    terserOptions: {
      compress: { passes: 5, negate_iife: false, pure_getters: true, ecma: 2020 },
      mangle: { toplevel: true },
      format: { ascii_only: true, comments: false, ecma: 2020 },
    },
    reportCompressedSize: false,
    rollupOptions: { onwarn },
    lib: {
      entry: "src/main.ts",
      formats: ["iife"],
      // Required by Vite for IIFE output; the entry exports nothing, so no global is assigned.
      name: "Supportal",
      fileName: () => "supportal-widget.js",
    },
  },
});
