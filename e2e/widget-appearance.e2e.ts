/**
 * How the widget looks and speaks on a hostile host page: the phone layout, dark mode, contrast for
 * any brand colour, reduced motion, the business's theme and attributes, and its four languages.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type SeededBusiness, seedBusiness } from "./support/seed";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import { ask, contrast, finalMessage, hook, openWidget, settle } from "./support/widget-page";

let server: RunningServer;
let host: HostServer;
let browser: Browser;
let visits: ReturnType<typeof visitor>;
/** No greeting and no theme: the widget's own defaults and strings show. */
let plain: SeededBusiness;
/** A business with its own theme and greeting, saved on the server. */
let themed: SeededBusiness;

beforeAll(async () => {
  host = startHostServer();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  visits = visitor({ browser, host, server: () => server.url });
  [plain, themed] = await Promise.all([
    seedBusiness(server, {
      name: "Acme Shoes",
      allowedOrigins: [host.origin],
      documents: [
        {
          name: "returns.md",
          text: "# Returns\n\nYou can return unworn shoes within 30 days of delivery for a full refund.\n",
        },
      ],
    }),
    seedBusiness(server, {
      name: "Zebra Boots",
      allowedOrigins: [host.origin],
      greeting: "Welcome to Zebra Boots!",
      theme: { title: "Zebra Help", color: "#0f766e", position: "left" },
    }),
  ]);
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  await server?.stop();
});

const box = async (page: Page, name: string) => {
  const rect = (await page.locator(hook(name)).boundingBox())!;
  return [rect.x, rect.y, rect.width, rect.height].map(Math.round);
};

const style = (page: Page, selector: string, ...props: string[]) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, names) => names.map((name) => getComputedStyle(el).getPropertyValue(name)), props);

/** The contrast of an element's text against the background it sits on (its own, or its nearest painted one). */
const textContrast = async (page: Page, selector: string) => {
  const [color, background] = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      let surface: Element | null = el;
      let fill = "rgba(0, 0, 0, 0)";
      while (surface && /rgba\(.*, 0\)|transparent/.test(fill)) {
        fill = getComputedStyle(surface).backgroundColor;
        surface = surface.parentElement;
      }
      return [getComputedStyle(el).color, fill];
    });
  return contrast(color!, background!);
};

describe("phone layout", () => {
  test("under 480 px the open panel fills the screen and the input keeps a 16 px font", async () => {
    const phone = await visits.visit({ business: plain.id }, { viewport: { width: 375, height: 700 } });
    await phone.go();
    const { page } = phone;
    expect(await box(page, "launcher")).toEqual([375 - 76, 700 - 76, 56, 56]);
    await openWidget(page);
    await settle(page);
    expect(await box(page, "panel")).toEqual([0, 0, 375, 700]);
    expect(await page.locator(hook("launcher")).isVisible()).toBe(false);
    expect(await style(page, hook("input"), "font-size")).toEqual(["16px"]);
    // The composer is on screen, and the header's close button is the way out.
    const input = (await page.locator(hook("input")).boundingBox())!;
    expect(input.y + input.height).toBeLessThanOrEqual(700);
    await page.getByRole("button", { name: "Close chat" }).click();
    await page.locator(hook("panel")).waitFor({ state: "hidden" });
    expect(await page.locator(hook("launcher")).isVisible()).toBe(true);
  });

  test("from 480 px it is the floating card", async () => {
    const tablet = await visits.visit({ business: plain.id }, { viewport: { width: 480, height: 800 } });
    await tablet.go();
    await openWidget(tablet.page);
    await settle(tablet.page);
    expect(await box(tablet.page, "panel")).toEqual([480 - 20 - 376, 800 - 88 - 620, 376, 620]);
    expect(await tablet.page.locator(hook("launcher")).isVisible()).toBe(true);
  });
});

describe("colour", () => {
  // Light and dark extremes, a saturated yellow, and #777777, where neither black nor white reaches 4.7:1.
  const COLORS = ["#ffd400", "#777777", "#ffffff", "#000000", "#123456"];
  const PANEL = { light: "rgb(255, 255, 255)", dark: "rgb(27, 29, 33)" };

  test("text reaches 4.5:1 in light and dark mode, for the default theme and any data-color", async () => {
    const visit = await visits.visit({ business: plain.id });
    await visit.go();
    const { page } = visit;
    await openWidget(page);
    // One answer with a source, replayed from the session's history on every page below.
    await ask(page, "How many days do I have to return my shoes?");
    await finalMessage(page, "assistant").waitFor();

    const failures: string[] = [];
    for (const color of [undefined, ...COLORS]) {
      await visit.go(visits.pageUrl({ business: plain.id, attributes: color ? { color } : {} }));
      await openWidget(page);
      await finalMessage(page, "assistant").locator(".s .sl").waitFor();
      if (color) {
        // The brand colour is used as given whenever black or white text reads on it.
        const header = (await style(page, ".h", "background-color"))[0];
        expect(header).toBe(
          `rgb(${[1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)).join(", ")})`,
        );
      }
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await style(page, hook("panel"), "background-color")).toEqual([PANEL[colorScheme]]);
        const checks = {
          title: await textContrast(page, "h2"),
          launcherIcon: await textContrast(page, hook("launcher")),
          userBubble: await textContrast(page, `${hook("message")}[data-sender="user"] p`),
          answer: await textContrast(page, `${hook("message")}[data-sender="assistant"] p`),
          source: await textContrast(page, `${hook("message")}[data-sender="assistant"] .s .sl`),
          greeting: await textContrast(page, `${hook("greeting")} p`),
          input: await textContrast(page, hook("input")),
        };
        for (const [part, ratio] of Object.entries(checks)) {
          if (!(ratio >= 4.5))
            failures.push(`${colorScheme} ${color ?? "default"} ${part}: ${ratio.toFixed(2)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("motion", () => {
  test("the panel animates in, except when the visitor asks for reduced motion", async () => {
    const visit = await visits.visit({ business: plain.id });
    await visit.go();
    const { page } = visit;
    const animations = () =>
      page.evaluate(() => document.querySelector("supportal-widget")!.shadowRoot!.getAnimations().length);

    await openWidget(page);
    expect(await style(page, hook("panel"), "animation-name")).toEqual(["in"]);
    expect(await style(page, hook("launcher"), "transition-duration")).toEqual(["0.15s"]);
    await page.locator(hook("launcher")).click();
    await page.locator(hook("panel")).waitFor({ state: "hidden" });

    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.locator(hook("launcher")).click();
    await page.locator(hook("panel")).waitFor({ state: "visible" });
    expect(await animations()).toBe(0);
    expect(await style(page, hook("panel"), "animation-name")).toEqual(["none"]);
    expect(await style(page, hook("launcher"), "transition-duration")).toEqual(["0s"]);
  });
});

describe("theme", () => {
  test("the business's saved title, greeting, colour and side apply", async () => {
    const visit = await visits.visit({ business: themed.id });
    await visit.go();
    await openWidget(visit.page);
    await settle(visit.page);
    expect(await visit.page.locator("h2").textContent()).toBe("Zebra Help");
    expect(await visit.page.locator(hook("greeting")).textContent()).toBe("Welcome to Zebra Boots!");
    expect(await style(visit.page, ".h", "background-color")).toEqual(["rgb(15, 118, 110)"]);
    expect((await box(visit.page, "launcher"))[0]).toBe(20);
    expect((await box(visit.page, "panel"))[0]).toBe(20);
  });

  test("data-* attributes win over the saved theme", async () => {
    const visit = await visits.visit({
      business: themed.id,
      attributes: { title: "Hilfe", greeting: "Servus!", color: "#7c3aed", position: "right" },
    });
    await visit.go();
    await openWidget(visit.page);
    await settle(visit.page);
    expect(await visit.page.locator("h2").textContent()).toBe("Hilfe");
    expect(await visit.page.locator(hook("greeting")).textContent()).toBe("Servus!");
    expect(await style(visit.page, ".h", "background-color")).toEqual(["rgb(124, 58, 237)"]);
    const [x, , width] = await box(visit.page, "launcher");
    expect(1280 - x! - width!).toBe(20);
  });
});

describe("language", () => {
  const cases = [
    {
      name: "data-lang=de",
      lang: "de",
      locale: "en-US",
      open: "Support-Chat öffnen",
      input: "Ihre Nachricht",
      greeting: "Hallo! Wie können wir helfen?",
    },
    {
      name: "the browser's French",
      lang: undefined,
      locale: "fr-FR",
      open: "Ouvrir le chat d’assistance",
      input: "Votre message",
      greeting: "Bonjour ! Comment pouvons-nous vous aider ?",
    },
    {
      name: "data-lang=es over a French browser",
      lang: "es",
      locale: "fr-FR",
      open: "Abrir chat de soporte",
      input: "Tu mensaje",
      greeting: "¡Hola! ¿En qué podemos ayudarte?",
    },
    {
      name: "an unknown data-lang falls back to the browser's German",
      lang: "xx",
      locale: "de-AT",
      open: "Support-Chat öffnen",
      input: "Ihre Nachricht",
      greeting: "Hallo! Wie können wir helfen?",
    },
    {
      name: "English otherwise",
      lang: undefined,
      locale: "ja-JP",
      open: "Open support chat",
      input: "Your message",
      greeting: "Hi! How can we help you today?",
    },
  ];
  test("from data-lang, else the browser's languages, else English", async () => {
    // The profiles are independent, so they load side by side.
    const shown = await Promise.all(
      cases.map(async (c) => {
        const visit = await visits.visit(
          { business: plain.id, attributes: c.lang ? { lang: c.lang } : {} },
          { locale: c.locale },
        );
        await visit.go();
        const { page } = visit;
        const open = await page.locator(hook("launcher")).getAttribute("aria-label");
        await openWidget(page);
        const input = await page.locator(hook("input")).getAttribute("placeholder");
        const greeting = await page.locator(hook("greeting")).textContent();
        return { name: c.name, open, input, greeting };
      }),
    );
    expect(shown).toEqual(cases.map(({ name, open, input, greeting }) => ({ name, open, input, greeting })));
  });
});
