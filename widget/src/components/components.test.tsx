import { describe, expect, test } from "bun:test";
import type { ComponentChildren, VNode } from "preact";
import type { ChatActions } from "../chat";
import { languages } from "../i18n";
import { type ChatState, initialState } from "../model";
import { ChatPanel } from "./ChatPanel";
import { Launcher } from "./Launcher";
import { MessageBubble, PendingBubble } from "./MessageBubble";

// Components are rendered "shallowly by hand": function components are called, class components
// rendered once, and the resulting element tree is searched. No DOM, so no globals.
type Element = VNode<Record<string, unknown>>;

function expand(node: ComponentChildren): Element[] {
  if (node == null || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap(expand);
  const vnode = node as Element;
  if (typeof vnode.type === "function") {
    const type = vnode.type as unknown as {
      prototype?: { render?: unknown };
      new (props: unknown): { render(props: unknown, state: unknown): ComponentChildren };
      (props: unknown): ComponentChildren;
    };
    const rendered = type.prototype?.render
      ? new type(vnode.props).render(vnode.props, {})
      : type(vnode.props);
    return expand(rendered);
  }
  return [vnode, ...expand(vnode.props.children as ComponentChildren)];
}

const text = (node: ComponentChildren): string => {
  if (node == null || typeof node === "boolean") return "";
  if (typeof node !== "object") return String(node);
  if (Array.isArray(node)) return node.map(text).join("");
  return text((node as Element).props.children as ComponentChildren);
};
const hook = (tree: Element[], name: string) => tree.filter((node) => node.props["data-supportal"] === name);

const t = languages.en;
const message = {
  type: "message" as const,
  id: "a1",
  sender: "assistant" as const,
  message: "**Bold** <img src=x onerror=alert(1)>",
  timestamp: "2025-01-01T00:00:00.000Z",
};
const noop = () => {};
const actions: ChatActions = {
  open: noop,
  close: noop,
  toggle: noop,
  send: noop,
  retry: noop,
  reset: noop,
  handoff: noop,
  contact: noop,
  rate: noop,
};

describe("rating an answer", () => {
  const rated: [string, string, string | undefined][] = [];
  const rate: ChatActions["rate"] = (id, rating, comment) => void rated.push([id, rating, comment]);
  const buttons = (tree: Element[]) => tree.filter((node) => node.type === "button");

  test("an answer has 👍 and 👎 toggle buttons with labels; the visitor's messages and streaming answers have none", () => {
    const tree = expand(<MessageBubble message={message} t={t} rate={rate} />);
    const [up, down] = buttons(tree);
    expect([up?.props["aria-label"], down?.props["aria-label"]]).toEqual(["Helpful", "Not helpful"]);
    expect([up?.props["aria-pressed"], down?.props["aria-pressed"]]).toEqual([false, false]);
    (up!.props.onClick as () => void)();
    expect(rated.pop()).toEqual(["a1", "up", undefined]);
    expect(
      buttons(expand(<MessageBubble message={{ ...message, sender: "user" }} t={t} rate={rate} />)),
    ).toEqual([]);
    expect(
      buttons(expand(<MessageBubble message={{ ...message, streaming: true }} t={t} rate={rate} />)),
    ).toEqual([]);
  });

  test("after 👎 an optional comment is offered; once sent, the form goes and 👎 stays pressed", () => {
    const down = expand(<MessageBubble message={message} t={t} rate={rate} rated="down" />);
    const input = down.find((node) => node.type === "input");
    expect(input?.props["aria-label"]).toBe("Your message");
    expect(buttons(down)[1]?.props["aria-pressed"]).toBe(true);
    const sent = expand(<MessageBubble message={message} t={t} rate={rate} rated="sent" />);
    expect(sent.some((node) => node.type === "input")).toBe(false);
    expect(buttons(sent).map((b) => b.props["aria-pressed"])).toEqual([false, true]);
  });
});

describe("MessageBubble", () => {
  test("carries the stable hooks and renders answers as Markdown", () => {
    const tree = expand(<MessageBubble message={message} t={t} rate={noop} />);
    const [bubble] = hook(tree, "message");
    expect(bubble?.props["data-sender"]).toBe("assistant");
    expect(tree.some((node) => node.type === "strong")).toBe(true);
    expect(tree.some((node) => node.type === "img")).toBe(false);
  });

  test("shows the visitor's own text literally", () => {
    const tree = expand(
      <MessageBubble message={{ ...message, sender: "user", message: "**not bold**" }} t={t} rate={noop} />,
    );
    expect(tree.some((node) => node.type === "strong")).toBe(false);
    expect(text(tree[0])).toContain("**not bold**");
  });

  test("a streaming answer is busy, so screen readers announce it once complete", () => {
    expect(
      expand(<MessageBubble message={{ ...message, streaming: true }} t={t} rate={noop} />)[0]?.props[
        "aria-busy"
      ],
    ).toBe(true);
  });

  test("lists its sources with the snippet behind a disclosure", () => {
    const sources = [{ documentId: 1, documentName: "Returns.pdf", snippet: "30 days", page: 2 }];
    const tree = expand(<MessageBubble message={{ ...message, sources }} t={t} rate={noop} />);
    const details = tree.filter((node) => node.type === "details");
    expect(details).toHaveLength(1);
    expect(text(details[0])).toBe("Returns.pdf · p. 230 days");
  });

  test("names a source by its title and section, without a snippet the answer already quotes", () => {
    const quote = "Unworn shoes go back within 30 days.";
    const sources = [
      { documentId: 1, documentName: "r-v2.pdf", snippet: quote, page: 2, heading: "Returns", title: "Help" },
    ];
    const tree = expand(
      <MessageBubble message={{ ...message, message: quote, sources }} t={t} rate={noop} />,
    );
    expect(tree.filter((node) => node.type === "details")).toHaveLength(0);
    const line = tree.find((node) => node.type === "p" && node.props.class === "sl");
    expect(text(line)).toBe("Help · Returns · p. 2");
  });
});

describe("PendingBubble", () => {
  test("is hidden from screen readers until it fails, then offers a retry", () => {
    let retried = 0;
    const waiting = expand(
      <PendingBubble pending={{ id: 1, text: "hi", state: "sent", clientId: "1" }} t={t} onRetry={noop} />,
    );
    expect(waiting[0]?.props).toMatchObject({
      "data-supportal": "message",
      "data-sender": "user",
      "aria-hidden": true,
    });
    const failed = expand(
      <PendingBubble
        pending={{ id: 1, text: "hi", state: "failed", clientId: "1" }}
        t={t}
        onRetry={() => retried++}
      />,
    );
    expect(failed[0]?.props["aria-hidden"]).toBe(false);
    const retry = failed.find((node) => node.type === "button")!;
    (retry.props.onClick as () => void)();
    expect(retried).toBe(1);
  });
});

describe("Launcher", () => {
  const launcher = (open: boolean, unread: number) =>
    expand(<Launcher open={open} unread={unread} t={t} onToggle={noop} buttonRef={{ current: null }} />);

  test("is a labelled button that says whether the dialog is open", () => {
    expect(launcher(false, 0)[0]?.props).toMatchObject({
      "data-supportal": "launcher",
      "aria-label": "Open support chat",
      "aria-expanded": false,
      "aria-haspopup": "dialog",
    });
    expect(launcher(true, 0)[0]?.props).toMatchObject({ "aria-label": "Close chat", "aria-expanded": true });
  });

  test("shows and announces unread answers while closed", () => {
    const tree = launcher(false, 12);
    expect(tree[0]?.props["aria-label"]).toBe("Open support chat (12 unread)");
    expect(text(tree.find((node) => node.props.class === "u"))).toBe("9+");
    expect(launcher(true, 12).some((node) => node.props.class === "u")).toBe(false);
  });
});

describe("ChatPanel", () => {
  const theme = { title: "Acme", greeting: "Hi!", color: "#2563eb", position: "right" as const };
  const panel = (state: Partial<ChatState>) =>
    expand(
      <ChatPanel
        state={{ ...initialState, open: true, ...state }}
        theme={theme}
        t={t}
        chat={actions}
        inputRef={{ current: null }}
      />,
    );

  test("is a labelled dialog with the log, input and send hooks", () => {
    const tree = panel({});
    const [dialog] = hook(tree, "panel");
    expect(dialog?.props.role).toBe("dialog");
    const title = tree.find((node) => node.props.id === dialog?.props["aria-labelledby"]);
    expect(text(title)).toBe("Acme");
    expect(tree.find((node) => node.props.role === "log")?.props["aria-live"]).toBe("polite");
    expect(hook(tree, "input")[0]?.props).toMatchObject({ "aria-label": t.input, maxLength: 4000 });
    expect(hook(tree, "send")[0]?.props).toMatchObject({ type: "submit", "aria-label": t.send });
    expect(text(hook(tree, "greeting")[0])).toBe("Hi!");
  });

  test("every button has an accessible name", () => {
    for (const button of panel({ pending: [{ id: 1, text: "x", state: "failed", clientId: "1" }] }).filter(
      (n) => n.type === "button",
    )) {
      expect(String(button.props["aria-label"] ?? text(button)).trim()).not.toBe("");
    }
  });

  test("the connection banner and error notice fill their live regions", () => {
    const status = (tree: Element[]) => text(tree.find((node) => node.props.role === "status"));
    const alert = (tree: Element[]) => text(tree.find((node) => node.props.role === "alert"));
    expect(status(panel({ connection: "online" }))).toBe("");
    expect(status(panel({ connection: "offline" }))).toBe(t.offline);
    const refused = panel({ connection: "unavailable" });
    expect(status(refused)).toBe(t.unavailable);
    expect(alert(panel({ error: "rate_limited" }))).toBe(t.busy);
    expect(alert(panel({ error: "daily_limit_reached" }))).toBe(t.busy);
    expect(alert(panel({ error: "model_unavailable" }))).toBe(t.down);
    expect(alert(panel({ error: "message_too_large" }))).toBe(t.failed);
  });

  test("shows the typing indicator with a spoken label", () => {
    expect(text(panel({ typing: true }).find((node) => node.props.class === "k"))).toBe(t.typing);
  });
});
