import { AgentCreate, AgentList, AgentWithToken } from "@supportal/shared";
import type { Operation } from "./openapi-document";

/** The v1.1 people-in-the-loop endpoints: agents, webhooks and their deliveries. */
export function peopleOperations(businessPath: string): Operation[] {
  return [
    {
      method: "post",
      path: `${businessPath}/agents`,
      summary: "Create an agent (a person who answers in the inbox); its token is shown only here",
      auth: "owner",
      body: AgentCreate,
      status: 201,
      answer: AgentWithToken,
    },
    {
      method: "get",
      path: `${businessPath}/agents`,
      summary: "List the business's agents, with who has the inbox open",
      auth: "owner",
      status: 200,
      answer: AgentList,
    },
    {
      method: "delete",
      path: `${businessPath}/agents/{agentId}`,
      summary: "Delete an agent; its token stops working at once and its conversations go back to waiting",
      auth: "owner",
      status: 204,
    },
  ];
}
