import type { Locator, Page } from "playwright-core";

/** The widget's stable hooks; Playwright's CSS selectors pierce its open shadow root. */
export const hook = (name: string) => `[data-supportal="${name}"]`;

export interface Probe {
  sockets: string[];
  storageWrites: string[];
  xss: unknown[];
  newGlobals: string[];
}

declare global {
  interface Window {
    __probe?: {
      sockets: string[];
      /** The sockets themselves, so a test can make the server cut one. */
      socketObjects: WebSocket[];
      storageWrites: string[];
      xss: unknown[];
      globals: Set<string>;
    };
  }
}

/**
 * Instruments a page before any of its scripts run: every WebSocket constructed, every storage write
 * (localStorage, sessionStorage, cookies) and every XSS marker (`xssFired(...)`) is recorded.
 */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = {
      sockets: [] as string[],
      socketObjects: [] as WebSocket[],
      storageWrites: [] as string[],
      xss: [] as unknown[],
      globals: new Set<string>(),
    };
    window.__probe = probe;
    const NativeSocket = window.WebSocket;
    window.WebSocket = new Proxy(NativeSocket, {
      construct(target, args: [string | URL, (string | string[])?]) {
        probe.sockets.push(String(args[0]));
        const socket = Reflect.construct(target, args) as WebSocket;
        probe.socketObjects.push(socket);
        return socket;
      },
    });
    for (const method of ["setItem", "removeItem", "clear"] as const) {
      const original = Storage.prototype[method] as (...args: unknown[]) => unknown;
      Storage.prototype[method] = function (this: Storage, ...args: unknown[]) {
        probe.storageWrites.push(`${method}:${String(args[0])}`);
        return original.apply(this, args);
      } as never;
    }
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
    Object.defineProperty(Document.prototype, "cookie", {
      get: cookie.get,
      set(value: string) {
        probe.storageWrites.push(`cookie:${value}`);
        cookie.set!.call(this, value);
      },
    });
    (window as unknown as { xssFired: (tag: unknown) => void }).xssFired = (tag) => probe.xss.push(tag);
    for (const name of Object.getOwnPropertyNames(window)) probe.globals.add(name);
  });
}

export async function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const probe = window.__probe!;
    return {
      sockets: [...probe.sockets],
      storageWrites: [...probe.storageWrites],
      xss: [...probe.xss],
      newGlobals: Object.getOwnPropertyNames(window).filter(
        (name) => !probe.globals.has(name) && name !== "__probe" && name !== "xssFired",
      ),
    };
  });
}

/** Opens the widget with its launcher and waits for the dialog. */
export async function openWidget(page: Page): Promise<void> {
  await page.locator(hook("launcher")).click();
  await page.locator(hook("panel")).waitFor({ state: "visible" });
}

/** Types a question and sends it with Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  await page.locator(hook("input")).fill(question);
  await page.locator(hook("input")).press("Enter");
}

/** The nth (0-based) message of a sender, as rendered once the server's final frame arrived. */
export const finalMessage = (page: Page, sender: string, nth = 0) =>
  page
    .locator(`${hook("message")}[data-sender="${sender}"]:not([data-status]):not([aria-busy="true"])`)
    .nth(nth);

/** WCAG 2.x contrast ratio of two CSS rgb()/rgba() colours (alpha ignored: opaque colours only). */
export function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Polls `read` until its value deep-equals `expected` (or `timeoutMs` passes) and returns the last value,
 * for the caller to assert on: a real wait on a condition, never a fixed sleep.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!Bun.deepEquals(value, expected) && Date.now() < deadline) {
    await Bun.sleep(50);
    value = await read();
  }
  return value;
}

/** Waits until the widget's animations and transitions (panel entrance, hover) have finished. */
export async function settle(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
  await page.evaluate(async () => {
    const root = document.querySelector("supportal-widget")?.shadowRoot;
    await Promise.all(root?.getAnimations().map((animation) => animation.finished) ?? []);
  });
}

/** The visible text of a message, without the screen-reader prefix ("You: ", "Support: "). */
export const messageText = (message: Locator) =>
  message.evaluate((el) =>
    [...el.children]
      .filter((child) => !child.classList.contains("sr") && !child.classList.contains("s"))
      .map((child) => child.textContent)
      .join("\n\n"),
  );

/** An element's text, "" when it has none. */
export const textOf = async (locator: Locator) => (await locator.textContent()) ?? "";
