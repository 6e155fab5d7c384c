import type { Business } from "@supportal/shared";
import { useEffect } from "preact/hooks";
import type { Api } from "../api/client";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useTestSession } from "../hooks/use-test-session";
import { mountWidget, unmountWidget } from "../widget-embed";
import { ErrorNote } from "./ErrorNote";

/** The real widget on this page, answering for this business from its documents. */
export function TryItPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`try-${business.id}`);
  const { color, title, position } = business.theme;
  const greeting = business.greeting ?? undefined;
  const test = useTestSession(api, business.id);
  const { ready, onWidget } = test;

  useEffect(() => {
    if (!ready) return;
    // The saved settings go in as attributes, so a change just saved shows at once (the public
    // config the widget would fetch itself may be cached for a minute).
    mountWidget(api.base, { business: business.id, color, title, greeting, position, open: true }, onWidget);
    return unmountWidget;
  }, [ready, onWidget, api.base, business.id, color, title, greeting, position]);

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Try it
      </h1>
      <p>
        This is the real widget, exactly as your customers get it, answering from this business's documents.
        It opens in the corner of the page; ask it something your documents cover, and something they don't.
      </p>
      <p>
        Conversations you have here are kept and appear under Conversations, marked as your tests: they are
        left out of Insights and Review. Press Escape on the chat button to close the chat.
      </p>
      <ErrorNote message={test.error} />
    </section>
  );
}
