import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { DEFAULT_COLOR } from "./config";
import { contrast, ensureContrast, luminance, textOn, themeColors } from "./contrast";

describe("WCAG maths", () => {
  test("relative luminance and contrast ratio match the WCAG reference values", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBe(1);
    expect(contrast("#000000", "#ffffff")).toBe(21);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrast("#ffffff", "#777777")).toBe(contrast("#777777", "#ffffff"));
  });

  test("text colour: white on dark accents, black on light ones", () => {
    expect(textOn("#2563eb")).toBe("#ffffff");
    expect(textOn("#ffd400")).toBe("#000000");
    expect(textOn("#00ff00")).toBe("#000000");
    expect(textOn("#800080")).toBe("#ffffff");
  });

  test("ensureContrast keeps colours that pass and darkens or lightens the others", () => {
    expect(ensureContrast("#1a1a1a", "#ffffff")).toBe("#1a1a1a");
    const darker = ensureContrast("#ffd400", "#ffffff");
    expect(contrast(darker, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(luminance(darker)).toBeLessThan(luminance("#ffd400"));
    const lighter = ensureContrast("#1e3a8a", "#1b1d21");
    expect(contrast(lighter, "#1b1d21")).toBeGreaterThanOrEqual(4.5);
    expect(luminance(lighter)).toBeGreaterThan(luminance("#1e3a8a"));
  });
});

describe("any data-color gives readable text", () => {
  // A sweep over the whole colour cube, greys and the usual brand colours included.
  const steps = [0, 0x33, 0x66, 0x77, 0x88, 0x99, 0xbb, 0xdd, 0xff];
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  const colors = steps.flatMap((r) => steps.flatMap((g) => steps.map((b) => `#${hex(r)}${hex(g)}${hex(b)}`)));

  test(`for all ${colors.length} sampled colours`, () => {
    for (const color of colors) {
      const theme = themeColors(color);
      expect(contrast(theme.on, theme.fill)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.onLight, "#eef1f4")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.onLight, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.onDark, "#2b2f35")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme.onDark, "#1b1d21")).toBeGreaterThanOrEqual(4.5);
    }
  });

  test("the default accent is used unchanged", () => {
    expect(themeColors(DEFAULT_COLOR)).toMatchObject({
      fill: DEFAULT_COLOR,
      on: "#ffffff",
      onLight: DEFAULT_COLOR,
    });
  });
});

describe("the built-in palette in styles.css", () => {
  const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");
  const palette = (block: string) =>
    Object.fromEntries(
      [...block.matchAll(/--(\w+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, expand(m[2]!)]),
    );
  const expand = (color: string) =>
    color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join("")}` : color.toLowerCase();
  const light = palette(css.slice(css.indexOf(".r {"), css.indexOf("@media (prefers-color-scheme: dark)")));
  const dark = { ...light, ...palette(css.slice(css.indexOf("@media (prefers-color-scheme: dark)"))) };

  for (const [mode, colors] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    test(`${mode}: text, muted text, notices and badges reach 4.5:1`, () => {
      const pairs: [string | undefined, string | undefined][] = [
        [colors.tx, colors.bg],
        [colors.tx, colors.b2],
        [colors.mu, colors.bg],
        [colors.mu, colors.b2],
        [colors.nt, colors.nb],
        [colors.et, colors.eb],
        ["#ffffff", "#c4222c"],
      ];
      for (const [text, background] of pairs) {
        expect(contrast(text!, background!)).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  test("the themed surfaces match those contrast.ts checks against", () => {
    expect([light.bg, light.b2, dark.bg, dark.b2]).toEqual(["#ffffff", "#eef1f4", "#1b1d21", "#2b2f35"]);
    expect(css).toContain("background: #c4222c");
  });
});
