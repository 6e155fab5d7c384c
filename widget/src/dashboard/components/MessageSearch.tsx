import type { MessageHit } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { href } from "../route";
import { ErrorNote } from "./ErrorNote";
import { Highlight } from "./Highlight";

/** Full-text search over every message of the business; each hit links to its transcript. */
export function MessageSearch({ api, businessId }: { api: Api; businessId: number }) {
  const [text, setText] = useState("");
  const [searched, setSearched] = useState<string>();
  const [hits, setHits] = useState<MessageHit[]>([]);
  const [error, setError] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const query = text.trim();
    if (!query) return;
    setError(undefined);
    try {
      setHits((await api.searchMessages(businessId, query)).results);
      setSearched(query);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">Search messages</h2>
      <search>
        <form class="row" onSubmit={submit}>
          <label for="message-search" class="sr-only">
            Search messages
          </label>
          <input
            id="message-search"
            type="search"
            maxLength={200}
            value={text}
            placeholder="Words from a message"
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <ErrorNote message={error} />
      {searched !== undefined && (
        <div>
          <p role="status">
            {hits.length === 0
              ? `No message contains “${searched}”.`
              : `${hits.length} found for “${searched}”.`}
          </p>
          <ul class="cards">
            {hits.map((hit) => (
              <li key={hit.message.id} class="card" data-testid="search-hit">
                <a
                  href={href({
                    page: "business",
                    businessId,
                    tab: "conversations",
                    sessionId: hit.sessionId,
                  })}
                >
                  <Highlight text={hit.message.message} term={searched} />
                </a>
                <p class="meta">
                  {hit.message.sender} · {formatDateTime(hit.message.timestamp)}
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
