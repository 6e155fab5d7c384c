import { Component, createRef } from "preact";
import type { Chat } from "../chat";
import type { Theme } from "../config";
import { themeColors } from "../contrast";
import type { Strings } from "../i18n";
import type { ChatState } from "../model";
import { trackViewport } from "../viewport";
import { ChatPanel } from "./ChatPanel";
import { Launcher } from "./Launcher";

interface AppProps {
  chat: Chat;
  theme: Theme;
  t: Strings;
}

/** The root: subscribes to the model, themes through CSS variables and moves focus on open/close. */
export class App extends Component<AppProps, { state: ChatState }> {
  root = createRef<HTMLDivElement>();
  launcher = createRef<HTMLButtonElement>();
  input = createRef<HTMLTextAreaElement>();
  cleanup: (() => void)[] = [];

  constructor(props: AppProps) {
    super(props);
    this.state = { state: props.chat.store.get() };
  }

  override componentDidMount() {
    this.cleanup.push(
      this.props.chat.store.subscribe((state) => this.setState({ state })),
      trackViewport(this.root.current!),
    );
  }

  override componentWillUnmount() {
    for (const undo of this.cleanup) undo();
  }

  /** Whether focus is inside the widget before the update, which may hide the focused element. */
  override getSnapshotBeforeUpdate() {
    return !!(this.root.current?.getRootNode() as ShadowRoot | undefined)?.activeElement;
  }

  override componentDidUpdate(_props: AppProps, previous: { state: ChatState }, hadFocus: boolean) {
    const { open } = this.state.state;
    if (open === previous.state.open) return;
    // Opening moves focus into the dialog; closing returns it to the launcher, unless the visitor
    // was elsewhere on the page (closed through window.Supportal).
    if (open) this.input.current?.focus();
    else if (hadFocus) this.launcher.current?.focus();
  }

  render({ chat, theme, t }: AppProps, { state }: { state: ChatState }) {
    const colors = themeColors(theme.color);
    return (
      <div
        ref={this.root}
        class={`r ${theme.position}${state.open ? " open" : ""}`}
        style={{ "--a": colors.fill, "--o": colors.on, "--l": colors.onLight, "--d": colors.onDark }}
      >
        <Launcher
          open={state.open}
          unread={state.unread}
          t={t}
          onToggle={chat.toggle}
          buttonRef={this.launcher}
        />
        {/* Hidden rather than unmounted when closed, so a half-typed message survives. */}
        <ChatPanel state={state} theme={theme} t={t} chat={chat} inputRef={this.input} />
      </div>
    );
  }
}
