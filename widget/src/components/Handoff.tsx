import type { ChatActions } from "../chat";
import type { Strings } from "../i18n";
import type { ChatState } from "../model";

/** The people side: the mode line, and the address form while nobody is available. */
export function HandoffBar({ state, t, chat }: { state: ChatState; t: Strings; chat: ChatActions }) {
  const line =
    state.mode === "waiting"
      ? t.waiting
      : state.mode === "human" && state.agentName
        ? t.joined.replace("{name}", state.agentName)
        : "";
  const ask = state.mode === "waiting" && !state.agentsAvailable;
  return (
    <div class="hb">
      <p class="ml" aria-live="polite" data-supportal="mode">
        {line}
      </p>
      {ask && state.contactLeft ? <p class="ml">{t.thanks}</p> : null}
      {ask && !state.contactLeft ? (
        <form
          class="cf"
          data-supportal="contact"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            chat.contact(
              String(data.get("email")).trim(),
              String(data.get("name") ?? "").trim() || undefined,
            );
          }}
        >
          <p>{t.nobody}</p>
          <label>
            {t.email}
            <input name="email" type="email" required autocomplete="email" maxLength={254} />
          </label>
          <label>
            {t.name}
            <input name="name" autocomplete="name" maxLength={200} />
          </label>
          <button type="submit">{t.leave}</button>
        </form>
      ) : null}
    </div>
  );
}
