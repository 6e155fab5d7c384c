import { createElement, render } from "preact";
import { createChat } from "./chat";
import { App } from "./components/App";
import { needsPublicConfig, readConfig, resolveTheme } from "./config";
import { languages } from "./i18n";
import { mount } from "./mount";
import { fetchPublicConfig } from "./public-config";
import { findScript } from "./script-tag";
import css from "./styles.css?inline";

/** `window.Supportal`, the page's handle on the widget. */
export interface SupportalApi {
  open(): void;
  close(): void;
  toggle(): void;
  on: ReturnType<typeof createChat>["on"];
}

declare global {
  interface Window {
    Supportal?: SupportalApi;
  }
}

// Read synchronously: `document.currentScript` is only set while this first turn runs.
const script = findScript(document);
const config = script && readConfig(script, navigator.languages);

if (!config) {
  console.warn('Supportal: add data-business="<id>" to the widget\'s <script> tag.');
} else if (!window.Supportal) {
  const chat = createChat({
    server: config.server,
    business: config.business,
    lang: config.lang,
    // Read lazily: storage is not touched before the visitor opens the chat.
    storage: () => {
      try {
        return localStorage;
      } catch {
        return;
      }
    },
  });
  window.Supportal = { open: chat.open, close: chat.close, toggle: chat.toggle, on: chat.on };
  addEventListener("online", chat.reconnect);
  if (config.open) chat.open();

  const t = languages[config.lang];
  const start = async () => {
    const remote = needsPublicConfig(config)
      ? await fetchPublicConfig(config.server, config.business)
      : undefined;
    const theme = resolveTheme(config, remote, t);
    render(createElement(App, { chat, theme, t }), mount(document, css, config.zIndex, config.nonce));
  };
  if (document.body) start();
  else addEventListener("DOMContentLoaded", start, { once: true });
}
