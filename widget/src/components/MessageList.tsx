import { Component, createRef } from "preact";
import type { ChatActions } from "../chat";
import type { Strings } from "../i18n";
import type { ChatState } from "../model";
import { MessageBubble, PendingBubble } from "./MessageBubble";

interface MessageListProps {
  state: ChatState;
  greeting: string;
  t: Strings;
  chat: ChatActions;
}

/** The conversation as a polite live log that follows new content unless the visitor scrolled up. */
export class MessageList extends Component<MessageListProps> {
  list = createRef<HTMLDivElement>();

  override componentDidMount() {
    this.scroll(true);
  }

  override getSnapshotBeforeUpdate() {
    const el = this.list.current;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  }

  override componentDidUpdate(_props: MessageListProps, _state: unknown, atBottom: boolean) {
    this.scroll(atBottom);
  }

  scroll(follow: boolean) {
    const el = this.list.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }

  render({ state, greeting, t, chat }: MessageListProps) {
    return (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      <div ref={this.list} class="m" role="log" aria-live="polite" aria-label={t.log} tabIndex={0}>
        <div class="b assistant" data-supportal="greeting">
          <p>{greeting}</p>
        </div>
        {state.messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            t={t}
            rate={chat.rate}
            rated={state.rated?.[message.id]}
          />
        ))}
        {state.pending.map((pending) => (
          <PendingBubble key={pending.id} pending={pending} t={t} onRetry={() => chat.retry(pending.id)} />
        ))}
        {state.typing && (
          <div class="k">
            <span class="sr">{t.typing}</span>
            <i />
            <i />
            <i />
          </div>
        )}
      </div>
    );
  }
}
