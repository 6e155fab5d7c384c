import { href, TABS, type Tab } from "../route";

const labels: Record<Tab, string> = {
  documents: "Documents",
  try: "Try it",
  inbox: "Inbox",
  conversations: "Conversations",
  review: "Review",
  answers: "Curated answers",
  checks: "Checks",
  insights: "Insights",
  agents: "Agents",
  webhooks: "Webhooks",
  settings: "Settings",
};

/** Plain links (not ARIA tabs): each view has its own address, and Tab moves through them as usual. */
export function TabNav({ businessId, active }: { businessId: number; active: Tab }) {
  return (
    <nav class="tabs" aria-label="Business">
      <ul>
        {TABS.map((tab) => (
          <li key={tab}>
            <a
              href={href({ page: "business", businessId, tab })}
              aria-current={tab === active ? "page" : undefined}
            >
              {labels[tab]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
