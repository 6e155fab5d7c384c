import type { Api } from "../api/client";
import type { Principal } from "../auth/principal";
import { useResource } from "../hooks/use-resource";
import type { Route, Tab } from "../route";
import { AgentsPage } from "./AgentsPage";
import { ChecksPage } from "./ChecksPage";
import { ConversationsPage } from "./ConversationsPage";
import { CuratedAnswersPage } from "./CuratedAnswersPage";
import { DocumentsPage } from "./DocumentsPage";
import { ErrorNote } from "./ErrorNote";
import { InboxPage } from "./InboxPage";
import { InsightsPage } from "./InsightsPage";
import { ReviewPage } from "./ReviewPage";
import { SettingsPage } from "./SettingsPage";
import { TabNav } from "./TabNav";
import { TryItPage } from "./TryItPage";
import { WebhooksPage } from "./WebhooksPage";

type BusinessRoute = Extract<Route, { page: "business" }>;

/** One business: its name, the tabs, and the tab the route names. */
export function BusinessPage({
  api,
  principal,
  route,
  onTokenRotated,
}: {
  api: Api;
  principal: Principal;
  route: BusinessRoute;
  onTokenRotated: (token: string) => void;
}) {
  const business = useResource(`business-${route.businessId}`, () => api.getBusiness(route.businessId));
  if (!business.data) {
    return business.error ? <ErrorNote message={business.error} /> : <p role="status">Loading…</p>;
  }
  const current = business.data;
  const pages: Record<Tab, () => preact.JSX.Element> = {
    documents: () => <DocumentsPage api={api} business={current} />,
    try: () => <TryItPage api={api} business={current} />,
    inbox: () => <InboxPage api={api} businessId={current.id} sessionId={route.sessionId} owner />,
    agents: () => <AgentsPage api={api} businessId={current.id} />,
    webhooks: () => <WebhooksPage api={api} businessId={current.id} />,
    conversations: () => <ConversationsPage api={api} business={current} sessionId={route.sessionId} />,
    review: () => <ReviewPage api={api} business={current} />,
    answers: () => <CuratedAnswersPage api={api} business={current} />,
    checks: () => <ChecksPage api={api} business={current} />,
    insights: () => <InsightsPage api={api} business={current} />,
    settings: () => (
      <SettingsPage
        api={api}
        business={current}
        onSaved={business.set}
        onKeyRotated={(apiKey) => {
          if (principal.kind === "business") onTokenRotated(apiKey);
        }}
      />
    ),
  };
  return (
    <>
      <p class="business-name">
        {principal.kind === "admin" && <a href="#/">All businesses</a>}
        <span data-testid="business-name">{current.name}</span>
      </p>
      <TabNav businessId={current.id} active={route.tab} />
      {pages[route.tab]()}
    </>
  );
}
