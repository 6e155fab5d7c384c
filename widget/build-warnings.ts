import type { Rollup } from "vite";

/**
 * zod's own source (4.x, `v4/core/util.js` and `regexes.js`) has prose comments that mention
 * `@__PURE__`, which Rollup reads as misplaced annotations: it drops those comments (harmless: they
 * annotate nothing) and warns once per comment on every build, so every `bun run server` printed
 * them. Those warnings, for zod alone, are dropped; every other warning, ours included, still shows.
 */
export const onwarn: Rollup.WarningHandlerWithDefault = (warning, warn) => {
  if (warning.code === "INVALID_ANNOTATION" && /[\\/]node_modules[\\/].*[\\/]zod[\\/]/.test(warning.id ?? ""))
    return;
  warn(warning);
};
