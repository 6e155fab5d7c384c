import {
  AgentCreate,
  AgentList,
  AgentWithToken,
  Me,
  Webhook,
  WebhookCreate,
  WebhookDeliveryList,
  WebhookList,
  WebhookPatch,
  WebhookWithSecret,
} from "@supportal/shared";
import type { Operation } from "./openapi-operation";

/** The v1.1 people-in-the-loop endpoints: agents, webhooks and their deliveries. */
export function peopleOperations(businessPath: string): Operation[] {
  return [
    {
      method: "get",
      path: "/api/me",
      summary: "Who the bearer token is: the admin, a business (its key) or an agent of a business",
      auth: "agent",
      status: 200,
      answer: Me,
    },
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
    {
      method: "post",
      path: `${businessPath}/webhooks`,
      summary:
        "Create a webhook; its secret is shown only here. Deliveries are POSTed with X-Supportal-Signature: sha256=<hex HMAC-SHA256 of the raw body>",
      auth: "owner",
      body: WebhookCreate,
      status: 201,
      answer: WebhookWithSecret,
    },
    {
      method: "get",
      path: `${businessPath}/webhooks`,
      summary: "List the business's webhooks",
      auth: "owner",
      status: 200,
      answer: WebhookList,
    },
    {
      method: "get",
      path: `${businessPath}/webhooks/{webhookId}`,
      summary: "Read a webhook",
      auth: "owner",
      status: 200,
      answer: Webhook,
    },
    {
      method: "patch",
      path: `${businessPath}/webhooks/{webhookId}`,
      summary: "Change a webhook's URL or events",
      auth: "owner",
      body: WebhookPatch,
      status: 200,
      answer: Webhook,
    },
    {
      method: "delete",
      path: `${businessPath}/webhooks/{webhookId}`,
      summary: "Delete a webhook and its delivery log",
      auth: "owner",
      status: 204,
    },
    {
      method: "get",
      path: `${businessPath}/webhooks/{webhookId}/deliveries`,
      summary: "The webhook's latest 100 deliveries, newest first, with attempts, status and the signed body",
      auth: "owner",
      status: 200,
      answer: WebhookDeliveryList,
    },
  ];
}
