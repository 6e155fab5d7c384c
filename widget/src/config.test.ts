import { describe, expect, test } from "bun:test";
import { Window } from "happy-dom";
import { needsPublicConfig, parseAttributes, readConfig, resolveTheme } from "./config";
import { languages } from "./i18n";
import { findScript } from "./script-tag";

const script = (
  dataset: Record<string, string>,
  src = "https://support.example.com/supportal-widget.js",
) => ({
  dataset,
  src,
});

describe("readConfig", () => {
  test("needs a positive integer data-business", () => {
    expect(readConfig(script({}))).toBeUndefined();
    for (const business of ["", "0", "-1", "4.2", "abc", "42abc", "1".repeat(16)]) {
      expect(readConfig(script({ business }))).toBeUndefined();
    }
    expect(readConfig(script({ business: " 42 " }))?.business).toBe(42);
  });

  test("defaults: server from the script's own folder, closed, English, top z-index", () => {
    expect(readConfig(script({ business: "42" }))).toEqual({
      business: 42,
      server: "https://support.example.com/",
      open: false,
      lang: "en",
      zIndex: 2147483000,
      nonce: undefined,
    });
    expect(
      readConfig(script({ business: "1" }, "https://example.com/support/supportal-widget.js?v=3"))?.server,
    ).toBe("https://example.com/support/");
  });

  test("data-server overrides the script's address", () => {
    expect(readConfig(script({ business: "1", server: "http://localhost:3000" }))?.server).toBe(
      "http://localhost:3000/",
    );
    expect(readConfig(script({ business: "1", server: "https://x.example/api/" }))?.server).toBe(
      "https://x.example/api/",
    );
  });

  test("reads every documented attribute", () => {
    const config = readConfig(
      script({
        business: "7",
        title: "Help",
        greeting: "Hallo!",
        color: "#FF0000",
        position: "left",
        open: "true",
        lang: "de",
        zIndex: "10",
        nonce: "abc",
      }),
    );
    expect(config).toMatchObject({
      title: "Help",
      greeting: "Hallo!",
      color: "#FF0000",
      position: "left",
      open: true,
      lang: "de",
      zIndex: 10,
      nonce: "abc",
    });
  });

  test("an invalid attribute falls back alone", () => {
    const attributes = parseAttributes({
      server: "javascript:alert(1)",
      color: "red",
      position: "top",
      zIndex: "9e99",
      title: "   ",
      greeting: "x".repeat(501),
      lang: "fr",
    });
    expect(attributes).toEqual({ lang: "fr" });
  });

  test("data-open is true only for 'true' or a bare attribute", () => {
    expect(readConfig(script({ business: "1", open: "" }))?.open).toBe(true);
    expect(readConfig(script({ business: "1", open: "false" }))?.open).toBe(false);
    expect(readConfig(script({ business: "1", open: "yes" }))?.open).toBe(false);
  });

  test("language: data-lang first, then the browser's, then English", () => {
    expect(readConfig(script({ business: "1", lang: "es-MX" }), ["de-DE"])?.lang).toBe("es");
    expect(readConfig(script({ business: "1", lang: "ja" }), ["ja-JP", "fr-CA"])?.lang).toBe("fr");
    expect(readConfig(script({ business: "1" }), ["pt-BR"])?.lang).toBe("en");
  });

  test("the nonce can come from the script element itself", () => {
    expect(readConfig({ ...script({ business: "1" }), nonce: "n0nce" })?.nonce).toBe("n0nce");
  });
});

describe("resolveTheme", () => {
  const defaults = languages.en;
  const remote = {
    id: 1,
    name: "Acme",
    greeting: "Welcome to Acme",
    theme: { color: "#0F766E", title: "Acme help", position: "left" as const },
  };

  test("attributes override the public config, which overrides the defaults", () => {
    const config = readConfig(script({ business: "1", title: "Mine", color: "#111111" }))!;
    expect(resolveTheme(config, remote, defaults)).toEqual({
      title: "Mine",
      greeting: "Welcome to Acme",
      color: "#111111",
      position: "left",
    });
  });

  test("without a public config: the built-in defaults", () => {
    const config = readConfig(script({ business: "1" }))!;
    expect(resolveTheme(config, undefined, defaults)).toEqual({
      title: defaults.title,
      greeting: defaults.greeting,
      color: "#2563eb",
      position: "right",
    });
  });

  test("the business name is the title when the theme has none", () => {
    const config = readConfig(script({ business: "1" }))!;
    expect(resolveTheme(config, { ...remote, greeting: null, theme: {} }, defaults)).toMatchObject({
      title: "Acme",
      greeting: defaults.greeting,
    });
  });

  test("the public config is skipped when the attributes settle everything", () => {
    const all = { business: "1", title: "t", greeting: "g", color: "#000000", position: "right" };
    expect(needsPublicConfig(readConfig(script(all))!)).toBe(false);
    expect(needsPublicConfig(readConfig(script({ ...all, position: "" }))!)).toBe(true);
  });
});

describe("findScript", () => {
  // A private happy-dom window: no DOM globals leak into the other test files.
  const page = (html: string) => {
    const window = new Window({ url: "https://shop.example.com/" });
    window.document.body.innerHTML = html;
    return window.document as unknown as Document;
  };

  test("finds the async-loaded script by its file name", () => {
    const doc = page(`
      <script data-business="1" src="https://cdn.example.com/other.js"></script>
      <script data-business="42" async src="https://support.example.com/supportal-widget.js?v=2"></script>`);
    expect(findScript(doc)?.dataset.business).toBe("42");
  });

  test("falls back to the first script with a data-business", () => {
    const doc = page(`<script src="/a.js"></script><script data-business="9" src="/renamed.js"></script>`);
    expect(findScript(doc)?.dataset.business).toBe("9");
  });

  test("finds nothing on a page without one", () => {
    expect(findScript(page(`<script src="/supportal-widget.js"></script>`))).toBeUndefined();
  });
});
