import type { PublicConfig } from "@supportal/shared";
import { type Guard, type Infer, literal, string } from "./guard";
import { type Lang, pickLang } from "./i18n";

/** The optional data-* attributes, as `HTMLElement.dataset` spells them. */
const fields = {
  server: string(/^https?:\/\/\S+$/i),
  title: string(/\S/, 80),
  greeting: string(/\S/, 500),
  color: string(/^#[0-9a-f]{6}$/i),
  position: literal("right", "left"),
  open: string(),
  lang: string(),
  zIndex: string(/^-?\d{1,10}$/),
  nonce: string(),
} satisfies Record<string, Guard<unknown>>;

type Attributes = { [K in keyof typeof fields]?: Infer<(typeof fields)[K]> };

/**
 * Each attribute is checked on its own, so one typo falls back to its default instead of
 * discarding the others.
 */
export function parseAttributes(dataset: DOMStringMap): Attributes {
  const valid: Record<string, unknown> = {};
  for (const [key, guard] of Object.entries(fields)) {
    const value = dataset[key]?.trim();
    if (guard(value)) valid[key] = value;
  }
  return valid;
}

export interface WidgetConfig {
  business: number;
  /** The server's base address, ending in "/". */
  server: string;
  title?: string;
  greeting?: string;
  color?: string;
  position?: "right" | "left";
  open: boolean;
  lang: Lang;
  zIndex: number;
  nonce?: string;
}

/**
 * Reads the widget's configuration from its script tag; undefined without a valid data-business.
 * The server defaults to the folder the script was loaded from, so a server behind a path prefix
 * works without data-server.
 */
export function readConfig(
  script: { dataset: DOMStringMap; src: string; nonce?: string },
  browserLanguages: readonly string[] = [],
): WidgetConfig | undefined {
  const business = script.dataset.business?.trim();
  if (!business || !/^[1-9]\d{0,14}$/.test(business)) return;
  const { server, open, lang, zIndex, nonce, ...theme } = parseAttributes(script.dataset);
  return {
    ...theme,
    business: Number(business),
    server: new URL(server ? `${server.replace(/\/+$/, "")}/` : "./", script.src || undefined).href,
    open: open === "true" || open === "",
    lang: pickLang([lang, ...browserLanguages]),
    zIndex: zIndex ? Number(zIndex) : 2147483000,
    nonce: nonce || script.nonce || undefined,
  };
}

export interface Theme {
  title: string;
  greeting: string;
  color: string;
  position: "right" | "left";
}

/** True when the attributes leave something for the business's public config to supply. */
export const needsPublicConfig = (config: WidgetConfig) =>
  !(config.title && config.greeting && config.color && config.position);

export const DEFAULT_COLOR = "#2563eb";

/** Attributes win over the business's saved theme, which wins over the built-in defaults. */
export function resolveTheme(
  config: WidgetConfig,
  remote: PublicConfig | undefined,
  defaults: { title: string; greeting: string },
): Theme {
  return {
    title: config.title ?? remote?.theme.title ?? remote?.name ?? defaults.title,
    greeting: config.greeting ?? remote?.greeting ?? defaults.greeting,
    color: (config.color ?? remote?.theme.color ?? DEFAULT_COLOR).toLowerCase(),
    position: config.position ?? remote?.theme.position ?? "right",
  };
}
