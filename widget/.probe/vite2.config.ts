export default {
  root: "/work/main/widget",
  logLevel: "warn",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  define: { "process.env.NODE_ENV": '"production"' },
  build: {
    outDir: "/tmp/probe/out", emptyOutDir: true,
    lib: { entry: process.env.ENTRY!, formats: ["iife"], name: "X", fileName: () => "p.js" },
    rollupOptions: { treeshake: { manualPureFunctions: ["z"] } },
  },
};
