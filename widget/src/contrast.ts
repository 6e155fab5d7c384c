/** WCAG 2.x colour maths on #rrggbb colours. */
type Rgb = [number, number, number];

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const format = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** WCAG relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export const textOn = (background: string) =>
  contrast(background, "#000000") >= contrast(background, "#ffffff") ? "#000000" : "#ffffff";

/**
 * `color`, mixed step by step towards black or white (whichever `against` is not) until it reaches
 * `ratio` against `against`. Brand colours are kept when they already pass.
 */
export function ensureContrast(color: string, against: string, ratio = 4.5): string {
  const target: Rgb = luminance(against) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  const from = parse(color);
  let out = color;
  for (let step = 0; step <= 20 && contrast(out, against) < ratio; step++) {
    out = format(from.map((c, i) => c + (target[i]! - c) * (step / 20)) as Rgb);
  }
  return out;
}

/**
 * The theme's accent and the colours derived from it: text on the accent, and the accent as text
 * (links, focus rings) in light and dark mode, checked against the answer bubbles (the surfaces
 * with the least contrast; see styles.css). Black or white on any colour reaches at least 4.58:1,
 * so the accent itself only changes if its derived text colour would not reach 4.5:1.
 */
export function themeColors(accent: string, light = "#eef1f4", dark = "#2b2f35") {
  const on = textOn(accent);
  const fill = ensureContrast(accent, on);
  return { fill, on, onLight: ensureContrast(accent, light), onDark: ensureContrast(accent, dark) };
}
