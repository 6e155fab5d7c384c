import type { RefObject } from "preact";
import type { ChatActions } from "../chat";
import type { Theme } from "../config";
import type { Strings } from "../i18n";
import type { ChatState } from "../model";
import { Composer } from "./Composer";
import { HandoffBar } from "./Handoff";
import { Icon, icons } from "./Icon";
import { MessageList } from "./MessageList";

interface ChatPanelProps {
  state: ChatState;
  theme: Theme;
  t: Strings;
  chat: ChatActions;
  inputRef: RefObject<HTMLTextAreaElement>;
}

/** A non-modal dialog: the host page stays usable beside it. */
export function ChatPanel({ state, theme, t, chat, inputRef }: ChatPanelProps) {
  return (
    <div
      id="sp-panel"
      class="p"
      role="dialog"
      aria-labelledby="sp-title"
      data-supportal="panel"
      hidden={!state.open}
      onKeyDown={(event) => event.key === "Escape" && chat.close()}
    >
      <div class="h">
        <h2 id="sp-title">{theme.title}</h2>
        {state.handoff && (state.mode === "ai" || state.mode === "closed") ? (
          <button type="button" class="t" data-supportal="handoff" onClick={chat.handoff}>
            {t.talk}
          </button>
        ) : null}
        <button type="button" class="i" aria-label={t.newChat} title={t.newChat} onClick={chat.reset}>
          <Icon d={icons.plus} />
        </button>
        <button type="button" class="i" aria-label={t.close} title={t.close} onClick={chat.close}>
          <Icon d={icons.close} />
        </button>
      </div>
      {/* Live regions stay mounted so that filling them is announced. */}
      <div class="n" role="status">
        {(state.connection === "offline" || state.connection === "unavailable") && t[state.connection]}
      </div>
      <HandoffBar state={state} t={t} chat={chat} />
      <MessageList state={state} greeting={theme.greeting} t={t} chat={chat} />
      <div class="e" role="alert">
        {state.error ? errorText(state.error, t) : ""}
      </div>
      <Composer t={t} inputRef={inputRef} onSend={chat.send} />
    </div>
  );
}

const errorText = (code: string, t: Strings) =>
  /rate|limit|busy|many/.test(code) ? t.busy : /model|internal/.test(code) ? t.down : t.failed;
