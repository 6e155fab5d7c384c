import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { type HostPageOptions, type HostServer, hostPageHtml } from "./host-page";
import { hook, installProbe } from "./widget-page";

export interface Visit {
  page: Page;
  context: BrowserContext;
  /** The host page's address, on the host server's origin. */
  url: string;
  /** Messages of every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
  /** Loads the host page (again) and waits for the widget's launcher. */
  go(url?: string): Promise<void>;
}

export type PageOptions = Partial<Omit<HostPageOptions, "server">> & { business: number };

/**
 * Opens host pages in fresh browser profiles (so no session, storage or cookie carries over), each
 * instrumented by `installProbe`. `close()` ends every profile it opened.
 */
export function visitor(input: { browser: Browser; host: HostServer; server: () => string }) {
  const contexts: BrowserContext[] = [];

  async function visit(page: PageOptions, options: BrowserContextOptions = {}): Promise<Visit> {
    const context = await input.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    contexts.push(context);
    const tab = await context.newPage();
    const dialogs: string[] = [];
    tab.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await installProbe(tab);
    const url = pageUrl(page);
    return {
      page: tab,
      context,
      url,
      dialogs,
      async go(other = url) {
        await tab.goto(other);
        await tab.locator(hook("launcher")).waitFor({ state: "visible" });
      },
    };
  }

  /** Serves another host page (e.g. other attributes) for a visit that already has a profile. */
  const pageUrl = (page: PageOptions) => input.host.page(hostPageHtml({ server: input.server(), ...page }));

  return {
    visit,
    pageUrl,
    async close() {
      for (const context of contexts.splice(0)) await context.close().catch(() => {});
    },
  };
}
