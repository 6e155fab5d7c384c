import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { CopyButton } from "./CopyButton";
import { ErrorNote } from "./ErrorNote";

// Presence changes as agents open and close the inbox; the list follows it this often.
const AGENTS_POLL_MS = 10_000;

/** The people who answer in the inbox: create one (its token shown once), see who is online, delete. */
export function AgentsPage({ api, businessId }: { api: Api; businessId: number }) {
  const heading = useFocusHeading(`agents-${businessId}`);
  const agents = useResource(
    `agents-${businessId}`,
    () => api.listAgents(businessId),
    () => AGENTS_POLL_MS,
  );
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [error, setError] = useState<string>();

  const create = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const agent = await api.createAgent(businessId, name);
      setCreated({ name: agent.name, token: agent.token });
      setName("");
      await agents.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const remove = async (agentId: number, agentName: string) => {
    if (!confirm(`Delete ${agentName}? Their token stops working at once.`)) return;
    setError(undefined);
    try {
      await api.deleteAgent(businessId, agentId);
      await agents.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Agents
      </h1>
      <p>
        An agent answers customers in the inbox when they ask for a person. Each signs in to this dashboard
        with their own token and sees only this business's inbox.
      </p>
      <form class="row" onSubmit={create}>
        <label for="agent-name">Name</label>
        <input
          id="agent-name"
          value={name}
          required
          maxLength={80}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit">Add agent</button>
      </form>
      <ErrorNote message={error} />
      {created && (
        <div class="secret" role="alert" aria-labelledby="agent-token-title">
          <h3 id="agent-token-title">Token for {created.name}</h3>
          <p>Give it to {created.name} now: it will not be shown again. They sign in with it.</p>
          <div class="secret-row">
            <code data-testid="agent-token">{created.token}</code>
            <CopyButton text={created.token} label="Copy token" />
          </div>
          <button type="button" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </div>
      )}
      <ErrorNote message={agents.error} />
      {!agents.data ? (
        !agents.error && <p role="status">Loading…</p>
      ) : agents.data.agents.length === 0 ? (
        <p>No agents yet.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Inbox</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.data.agents.map((agent) => (
              <tr key={agent.id} data-testid="agent">
                <td>{agent.name}</td>
                <td>{agent.online ? "Online" : "Offline"}</td>
                <td>{formatDateTime(agent.createdAt)}</td>
                <td>
                  <button type="button" class="danger" onClick={() => remove(agent.id, agent.name)}>
                    Delete {agent.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
