/**
 * The widget on a customer's page: a host page on another origin with hostile CSS, the real server
 * (offline extractive answerer) and Debian's Chromium. Isolation, privacy, the chat itself,
 * accessibility and XSS.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./support/browser";
import { type HostServer, startHostServer } from "./support/host-page";
import { type SeededBusiness, seedBusiness } from "./support/seed";
import { type RunningServer, startServer } from "./support/server";
import { visitor } from "./support/visit";
import {
  ask,
  contrast,
  eventually,
  finalMessage,
  hook,
  messageText,
  openWidget,
  readProbe,
  settle,
} from "./support/widget-page";

const FAQ = `# Acme Shoes help centre

## Returns
You can return unworn shoes within 30 days of delivery for a full refund. Print the free return label from your account page and drop the parcel at any post office. Refunds reach your card within five business days after the parcel arrives.

## Shipping
Orders ship within two business days from our warehouse in Lyon. Standard delivery takes three to five days; express delivery arrives the next day.

## Sizes
Our shoes run true to size. If you are between two sizes, choose the larger one.
`;

// Every sentence carries a payload, so whichever the extractive answerer quotes brings some along.
const HOSTILE_DOCUMENT = `Zebra boots care guide

The zebra boots warranty lasts two years <img src=x onerror="xssFired('img')"> <img src=x onerror=alert(1)> for every stitched seam.
Zebra boots polish instructions are here [click me](javascript:document.title='pwned') and <a href="javascript:xssFired('a')">here</a> too.
Zebra boots laces <script>xssFired('script')</script> <svg onload="xssFired('svg')"></svg> <iframe srcdoc="<script>parent.xssFired('iframe')</script>"></iframe> are replaced for free, see [the care page](https://example.com/zebra-care).
`;

let server: RunningServer;
let host: HostServer;
let browser: Browser;
let shop: SeededBusiness;
let zebra: SeededBusiness;
let elsewhere: SeededBusiness;
let visits: ReturnType<typeof visitor>;
const visit: ReturnType<typeof visitor>["visit"] = (...args) => visits.visit(...args);

beforeAll(async () => {
  host = startHostServer();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  visits = visitor({ browser, host, server: () => server.url });
  [shop, zebra, elsewhere] = await Promise.all([
    seedBusiness(server, {
      name: "Acme Shoes",
      allowedOrigins: [host.origin],
      documents: [{ name: "acme-faq.md", text: FAQ }],
    }),
    seedBusiness(server, {
      name: "Zebra",
      allowedOrigins: [host.origin],
      documents: [{ name: "zebra-care.txt", text: HOSTILE_DOCUMENT }],
    }),
    seedBusiness(server, { name: "Elsewhere", allowedOrigins: ["https://shop.example"] }),
  ]);
});

afterAll(async () => {
  await visits?.close();
  await browser?.close();
  host?.stop();
  await server?.stop();
});

/** Computed styles and placement of the widget's parts, the way a visitor would see them. */
type Look = Record<string, Record<string, string> & { placement: number[] }>;

async function widgetLook(page: Page): Promise<Look> {
  await settle(page);
  return page.evaluate((): Look => {
    const props = [
      "display",
      "position",
      "visibility",
      "opacity",
      "z-index",
      "transform",
      "filter",
      "font-family",
      "font-size",
      "font-weight",
      "line-height",
      "letter-spacing",
      "word-spacing",
      "text-transform",
      "text-align",
      "white-space",
      "direction",
      "color",
      "background-color",
      "border-top-width",
      "border-top-style",
      "padding-top",
      "padding-left",
      "margin-top",
      "box-sizing",
      "cursor",
      "pointer-events",
      "transition-duration",
    ];
    const widgetHost = document.querySelector("supportal-widget")!;
    const root = widgetHost.shadowRoot!;
    // Placement from the viewport's right and bottom edges, which a page scrollbar does not shift.
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const parts: Record<string, Element> = { host: widgetHost };
    for (const el of root.querySelectorAll("[data-supportal], [role=log], h2, .h")) {
      const key = el.getAttribute("data-supportal") ?? el.getAttribute("role") ?? el.tagName;
      parts[key] = el;
    }
    return Object.fromEntries(
      Object.entries(parts).map(([key, el]) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const placement =
          key === "host"
            ? [box.left, box.top, box.width, box.height]
            : [width - box.right, height - box.bottom, box.width, box.height].map(Math.round);
        const values = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
        return [key, { ...values, placement } as Look[string]];
      }),
    );
  });
}

/** The element under a viewport point, as the page sees it (a shadow element is retargeted to its host). */
const elementAt = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([px, py]) => {
      const el = document.elementFromPoint(px!, py!);
      return el?.id || el?.tagName.toLowerCase();
    },
    [x, y] as const,
  );

/** Which widget part has focus, by hook, role or label; "page:<id>" when focus is outside the widget. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (active?.tagName !== "SUPPORTAL-WIDGET") return `page:${active?.id || active?.tagName.toLowerCase()}`;
    const inner = active.shadowRoot!.activeElement;
    return (
      inner?.getAttribute("data-supportal") ??
      inner?.getAttribute("role") ??
      inner?.getAttribute("aria-label") ??
      inner?.tagName.toLowerCase() ??
      "none"
    );
  });

/** Whether the focused widget element shows a focus indicator (outline or ring). */
const focusIndicator = (page: Page) =>
  page.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement;
    if (!inner) return "none";
    const style = getComputedStyle(inner);
    if (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2) return "outline";
    return style.boxShadow !== "none" ? "ring" : "none";
  });

/** Elements, links and event handlers in the rendered messages that could run script. */
const activeContent = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector("supportal-widget")!.shadowRoot!;
    const messages = [...root.querySelectorAll('[data-supportal="message"]')];
    const inside = messages.flatMap((m) => [...m.querySelectorAll("*")]);
    return {
      elements: inside.filter((el) => /^(img|script|svg|iframe|object|embed|style|link)$/i.test(el.tagName))
        .length,
      scriptLinks: [...root.querySelectorAll("a")].filter((a) => !/^(https?|mailto):/.test(a.href)).length,
      handlers: inside.filter((el) => [...el.attributes].some((attribute) => attribute.name.startsWith("on")))
        .length,
    };
  });

const OVERLAY =
  '<aside id="overlay" style="position:fixed;right:0;bottom:0;width:160px;height:160px;z-index:2147482999;background:#eee"></aside>';

describe("on a hostile host page of another origin", () => {
  test("looks and sits exactly as on a plain page, above the page's own overlays", async () => {
    const plain = await visit({ business: shop.id, hostile: false, extra: OVERLAY });
    const hostile = await visit({ business: shop.id, extra: OVERLAY });
    await plain.go();
    await hostile.go();
    expect(new URL(hostile.url).origin).not.toBe(new URL(server.url).origin);

    // The hostile stylesheet really is in force on the page itself.
    expect(await hostile.page.locator("#page-button").evaluate((el) => getComputedStyle(el).fontSize)).toBe(
      "28px",
    );

    const closedPlain = await widgetLook(plain.page);
    expect(await widgetLook(hostile.page)).toEqual(closedPlain);
    await openWidget(plain.page);
    await openWidget(hostile.page);
    const openPlain = await widgetLook(plain.page);
    expect(await widgetLook(hostile.page)).toEqual(openPlain);

    // And what it looks like is the widget's own design, not some accident of both pages.
    expect(openPlain.launcher!.placement).toEqual([20, 20, 56, 56]);
    expect(openPlain.panel!.placement).toEqual([20, 88, 376, 620]);
    expect(openPlain.input!["font-size"]).toBe("16px");
    expect(openPlain.panel!["background-color"]).toBe("rgb(255, 255, 255)");
    expect(openPlain.host!["z-index"]).toBe("2147483000");

    // The launcher is on top of a page overlay with a huge z-index.
    const box = (await hostile.page.locator(hook("launcher")).boundingBox())!;
    expect(await elementAt(hostile.page, box.x + box.width / 2, box.y + box.height / 2)).toBe(
      "supportal-widget",
    );
  });

  test("changes nothing on the page outside its one host element", async () => {
    const shop1 = await visit({ business: shop.id });
    await shop1.go();
    await shop1.page.locator("#page-input").click();
    await openWidget(shop1.page);
    await ask(shop1.page, "How many days do I have to return my shoes?");
    await finalMessage(shop1.page, "assistant").waitFor();
    await shop1.page.locator(hook("launcher")).click();

    const outside = await shop1.page.evaluate(async () => {
      const hosts = document.querySelectorAll("supportal-widget");
      const served = await (await fetch(location.href)).text();
      const original = new DOMParser().parseFromString(served, "text/html").documentElement.outerHTML;
      const live = document.documentElement.cloneNode(true) as HTMLElement;
      live.querySelector("body > supportal-widget")?.remove();
      return {
        hosts: hosts.length,
        hostIsLastInBody: document.body.lastElementChild === hosts[0],
        sameMarkup: live.outerHTML === original,
        pageSheets: document.adoptedStyleSheets.length,
        styleSheets: document.styleSheets.length,
      };
    });
    expect(outside).toEqual({
      hosts: 1,
      hostIsLastInBody: true,
      sameMarkup: true,
      pageSheets: 0,
      styleSheets: 1,
    });
    expect((await readProbe(shop1.page)).newGlobals).toEqual(["Supportal"]);
  });

  test("a configurable z-index lets the page's own overlay win", async () => {
    const low = await visit({ business: shop.id, extra: OVERLAY, attributes: { "z-index": "5" } });
    await low.go();
    expect(await low.page.locator("supportal-widget").evaluate((el) => getComputedStyle(el).zIndex)).toBe(
      "5",
    );
    const box = (await low.page.locator(hook("launcher")).boundingBox())!;
    expect(await elementAt(low.page, box.x + box.width / 2, box.y + box.height / 2)).toBe("overlay");
  });
});

describe("privacy", () => {
  test("no socket, storage write or cookie until the visitor opens the chat", async () => {
    const shop1 = await visit({ business: shop.id });
    const requests: string[] = [];
    shop1.page.on("request", (request) => {
      if (request.url().startsWith(server.url)) requests.push(`${request.method()} ${request.url()}`);
    });
    await shop1.go();
    await shop1.page.waitForLoadState("networkidle");

    const before = await readProbe(shop1.page);
    expect(before.sockets).toEqual([]);
    expect(before.storageWrites).toEqual([]);
    expect(
      await shop1.page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
    ).toEqual([0, 0, ""]);
    expect(await shop1.context.cookies()).toEqual([]);
    // Only the script itself and the business's public look were fetched.
    expect(requests).toEqual([
      `GET ${server.url}/supportal-widget.js`,
      `GET ${server.url}/api/public/businesses/${shop.id}/config`,
    ]);

    await openWidget(shop1.page);
    await shop1.page.locator(hook("input")).waitFor();
    await eventually(async () => (await readProbe(shop1.page)).sockets.length, 1);
    const after = await readProbe(shop1.page);
    expect(after.sockets).toEqual([
      expect.stringMatching(
        new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/ws/chat/${shop.id}/[\\w-]{22}\\?lang=[a-z]{2}$`),
      ),
    ]);
    expect(after.storageWrites).toEqual([`setItem:supportal:session:${shop.id}`]);
  });

  test("data-open opens the chat, and its socket, at load", async () => {
    const shop1 = await visit({ business: shop.id, attributes: { open: "true" } });
    await shop1.go();
    await expect(shop1.page.locator(hook("panel")).isVisible()).resolves.toBe(true);
    expect(await eventually(async () => (await readProbe(shop1.page)).sockets.length, 1)).toBe(1);
    // Opened by the page, not by the visitor: focus stays where the visitor has it.
    expect(await focused(shop1.page)).toBe("page:body");
  });
});

describe("chat", () => {
  test("asks a question and gets a streamed answer with its sources", async () => {
    const shop1 = await visit({ business: shop.id });
    await shop1.go();
    await openWidget(shop1.page);
    const { page } = shop1;
    await expect(page.locator(hook("greeting")).textContent()).resolves.toBe(
      "Hi! How can we help you today?",
    );

    // Watch the answer's bubble while it streams in, and the page-facing events.
    await page.evaluate(() => {
      const root = document.querySelector("supportal-widget")!.shadowRoot!;
      const seen: { busy: string | null; length: number }[] = [];
      const events: string[] = [];
      Object.assign(window, { seen, events });
      new MutationObserver(() => {
        const bubble = root.querySelector('[data-supportal="message"][data-sender="assistant"]');
        if (bubble) seen.push({ busy: bubble.getAttribute("aria-busy"), length: bubble.textContent!.length });
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      window.Supportal!.on("message", (message) => events.push(message.sender));
    });

    const question = "How many days do I have to return my shoes?";
    await ask(page, question);
    const answer = finalMessage(page, "assistant");
    await answer.waitFor();

    expect(await messageText(finalMessage(page, "user"))).toBe(question);
    expect(await page.locator(`${hook("message")}[data-status]`).count()).toBe(0);
    const text = await answer.textContent();
    expect(text).toContain("within 30 days of delivery");

    // Streamed: the bubble was shown busy and growing before the final message replaced it. The
    // offline answer's words are ready at once, so they come as two deltas (the first word, then the
    // rest, gathered in one turn of the server's event loop).
    const seen = await page.evaluate(
      () => (window as unknown as { seen: { busy: string; length: number }[] }).seen,
    );
    const streaming = seen.filter((s) => s.busy === "true");
    expect(new Set(streaming.map((s) => s.length)).size).toBeGreaterThanOrEqual(2);
    expect(Math.max(...streaming.map((s) => s.length))).toBeLessThan(seen.at(-1)!.length);
    expect(seen.at(-1)!.busy).toBeNull();

    // Its source, once, by the document's title and section; the answer already quotes the passage,
    // so no snippet repeats it, and no inline "(Source: …)" line either.
    await expect(answer.locator(".s .sl").textContent()).resolves.toBe("Acme Shoes help centre · Returns");
    expect(await answer.locator("details").count()).toBe(0);
    expect(text).not.toContain("acme-faq.md");

    const events = () => page.evaluate(() => (window as unknown as { events: string[] }).events);
    expect(await eventually(events, ["user", "assistant"])).toEqual(["user", "assistant"]);
    // The answer is inside the polite live log.
    expect(await page.locator(`[role="log"][aria-live="polite"] ${hook("message")}`).count()).toBe(2);
    // The visitor's bubble keeps readable text in the brand colour.
    const bubble = await finalMessage(page, "user").evaluate((el) => {
      const style = getComputedStyle(el);
      return [style.color, style.backgroundColor];
    });
    expect(contrast(bubble[0]!, bubble[1]!)).toBeGreaterThanOrEqual(4.5);
  });

  test("a page whose origin the business does not allow gets no chat", async () => {
    const other = await visit({ business: elsewhere.id });
    await other.go();
    await openWidget(other.page);
    const status = () => other.page.locator('[data-supportal="panel"] [role="status"]').textContent();
    // Said plainly, once, instead of "Retrying…" for ever.
    const unavailable = "Chat is unavailable here.";
    expect(await eventually(status, unavailable)).toBe(unavailable);
  });
});

describe("accessibility", () => {
  test("keyboard only: Tab to the launcher, Enter opens the dialog, ask, Esc closes", async () => {
    const shop1 = await visit({ business: shop.id });
    await shop1.go();
    const { page } = shop1;
    const launcher = page.locator(hook("launcher"));
    const panel = page.locator(hook("panel"));

    expect(await focused(page)).toBe("page:body");
    expect(await launcher.getAttribute("aria-label")).toBe("Open support chat");
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("button", { name: "Open support chat" }).count()).toBe(1);

    await page.locator("#page-input").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("launcher");
    expect(await focusIndicator(page)).toBe("ring");

    await page.keyboard.press("Enter");
    await panel.waitFor({ state: "visible" });
    expect(await panel.getAttribute("role")).toBe("dialog");
    expect(await page.getByRole("dialog", { name: "Acme Shoes" }).count()).toBe(1);
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await focused(page)).toBe("input");

    await page.keyboard.type("How long does standard delivery take?");
    await page.keyboard.press("Enter");
    await finalMessage(page, "assistant").waitFor();
    expect(await finalMessage(page, "assistant").textContent()).toContain("three to five days");
    expect(await page.locator(hook("input")).inputValue()).toBe("");
    expect(await focused(page)).toBe("input");

    // Every control is reachable, in a sensible order, and shows where focus is.
    await page.keyboard.press("Tab");
    expect([await focused(page), await focusIndicator(page)]).toEqual(["send", "outline"]);
    await page.keyboard.press("Shift+Tab");
    expect([await focused(page), await focusIndicator(page)]).toEqual(["input", "outline"]);
    const backwards: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press("Shift+Tab");
      backwards.push(`${await focused(page)}:${await focusIndicator(page)}`);
    }
    // The answer's source is a line, not a control: its snippet would repeat the answer. Its
    // rating buttons are controls, named for screen readers.
    expect(backwards).toEqual([
      "Not helpful:outline",
      "Helpful:outline",
      "log:outline",
      "Close chat:outline",
      "New conversation:outline",
      "handoff:outline",
      "launcher:ring",
    ]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("log");

    // Esc closes from anywhere in the dialog and hands focus back to the launcher.
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("launcher");
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await launcher.getAttribute("aria-label")).toBe("Open support chat");
  });

  test("the message list is a polite, labelled log; the panel a labelled dialog", async () => {
    const shop1 = await visit({ business: shop.id });
    await shop1.go();
    await openWidget(shop1.page);
    const log = shop1.page.locator('[role="log"]');
    expect(await log.count()).toBe(1);
    expect(await log.getAttribute("aria-live")).toBe("polite");
    expect(await log.getAttribute("aria-label")).toBe("Conversation");
    expect(await log.locator(hook("greeting")).count()).toBe(1);
    const dialog = shop1.page.locator('[role="dialog"]');
    const title = await dialog.evaluate(
      (el) =>
        el.getRootNode() instanceof ShadowRoot &&
        (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute("aria-labelledby")!)?.textContent,
    );
    expect(title).toBe("Acme Shoes");
    // Connection problems and errors have their own live regions, mounted while empty.
    expect(await dialog.locator('[role="status"]').count()).toBe(1);
    expect(await dialog.locator('[role="alert"]').count()).toBe(1);
  });

  test("closing through window.Supportal leaves the visitor's focus on the page", async () => {
    const shop1 = await visit({ business: shop.id });
    await shop1.go();
    const { page } = shop1;
    await page.evaluate(() => window.Supportal!.open());
    await page.locator(hook("panel")).waitFor({ state: "visible" });
    await page.locator("#page-input").focus();
    await page.evaluate(() => window.Supportal!.close());
    await page.locator(hook("panel")).waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("page:page-input");
  });
});

describe("XSS", () => {
  test("HTML and javascript: links in answers and questions stay inert text", async () => {
    const zebra1 = await visit({ business: zebra.id });
    await zebra1.go();
    const { page } = zebra1;
    await openWidget(page);
    const question = `What does the zebra boots warranty cover? <img src=x onerror="xssFired('question')">`;
    await ask(page, question);
    const answer = finalMessage(page, "assistant");
    await answer.waitFor();

    // The payloads did arrive, as visible text.
    const text = await answer.textContent();
    expect(text).toContain(`<img src=x onerror="xssFired('img')">`);
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(await messageText(finalMessage(page, "user"))).toBe(question);

    // Open every source snippet too: they quote the same passages.
    for (const summary of await answer.locator("summary").all()) await summary.click();
    // A Markdown javascript: link, if quoted, is plain words; clicking them does nothing.
    const words = answer.getByText("click me");
    if ((await words.count()) > 0) await words.first().click();

    expect(await activeContent(page)).toEqual({ elements: 0, scriptLinks: 0, handlers: 0 });
    expect((await readProbe(page)).xss).toEqual([]);
    expect(zebra1.dialogs).toEqual([]);
    expect(await page.title()).toBe("Acme Shoes");
  });

  test("script, svg and iframe stay text, while safe links still work (new tab, no opener)", async () => {
    const zebra1 = await visit({ business: zebra.id });
    await zebra1.go();
    await openWidget(zebra1.page);
    await ask(zebra1.page, "Which zebra boots laces are replaced for free?");
    const answer = finalMessage(zebra1.page, "assistant");
    await answer.waitFor();
    const link = answer.locator("a");
    expect(await link.count()).toBe(1);
    expect(
      await link.evaluate((a) => [a.getAttribute("href"), a.getAttribute("target"), a.getAttribute("rel")]),
    ).toEqual(["https://example.com/zebra-care", "_blank", "noopener noreferrer"]);
    expect(await link.textContent()).toBe("the care page");
    // The same answer quotes <script>, <svg onload> and <iframe srcdoc> as text.
    const text = await messageText(answer);
    for (const payload of [
      "<script>xssFired('script')</script>",
      `<svg onload="xssFired('svg')">`,
      "<iframe srcdoc=",
    ]) {
      expect(text).toContain(payload);
    }
    expect(await activeContent(zebra1.page)).toEqual({ elements: 0, scriptLinks: 0, handlers: 0 });
    expect((await readProbe(zebra1.page)).xss).toEqual([]);
    expect(zebra1.dialogs).toEqual([]);
  });
});
