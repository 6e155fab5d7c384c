import type { ChatActions } from "../chat";
import type { Strings } from "../i18n";
import type { Rated } from "../model";

/**
 * 👍/👎 under one answer (toggle buttons, keyboard-ready); after 👎 an optional comment, sent with
 * Enter (the form's one field; no button, for the size budget). A later
 * rating replaces the earlier one on the server, so the visitor may change their mind.
 */
export function Rate({
  id,
  rated,
  t,
  rate,
}: {
  id: string;
  rated?: Rated;
  t: Strings;
  rate: ChatActions["rate"];
}) {
  return (
    <div class="rt">
      <button type="button" aria-label={t.good} aria-pressed={rated === "up"} onClick={() => rate(id, "up")}>
        👍
      </button>
      <button
        type="button"
        aria-label={t.bad}
        aria-pressed={!!rated && rated !== "up"}
        onClick={() => rate(id, "down")}
      >
        👎
      </button>
      {rated === "down" && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rate(id, "down", String(new FormData(event.currentTarget).get("c")).trim());
          }}
        >
          <input name="c" aria-label={t.input} placeholder={t.input} />
        </form>
      )}
    </div>
  );
}
