import type { Business } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { href } from "../route";
import { CreateBusinessForm } from "./CreateBusinessForm";
import { ErrorNote } from "./ErrorNote";

/** The admin's start page: every business, a form to add one, and deletion. */
export function BusinessesPage({ api }: { api: Api }) {
  const heading = useFocusHeading("businesses");
  const list = useResource("businesses", () => api.listBusinesses());
  const [error, setError] = useState<string>();

  const remove = async (business: Business) => {
    if (
      !confirm(`Delete "${business.name}" with all its documents and conversations? This cannot be undone.`)
    )
      return;
    setError(undefined);
    try {
      await api.deleteBusiness(business.id);
      await list.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const businesses = list.data?.businesses ?? [];
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Businesses
      </h1>
      <CreateBusinessForm api={api} onCreated={() => void list.reload()} />
      <ErrorNote message={error ?? list.error} />
      <h2>All businesses</h2>
      {list.loading && !list.data ? (
        <p role="status">Loading…</p>
      ) : businesses.length === 0 ? (
        <p>No businesses yet. Create the first one above.</p>
      ) : (
        <ul class="cards" aria-label="Businesses">
          {businesses.map((business) => (
            <li key={business.id} class="card" data-testid="business">
              <h3>
                <a href={href({ page: "business", businessId: business.id, tab: "documents" })}>
                  {business.name}
                </a>
              </h3>
              <p class="meta">
                Id {business.id} · created {formatDateTime(business.createdAt)}
              </p>
              <button type="button" class="danger" onClick={() => remove(business)}>
                Delete<span class="sr-only"> {business.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
