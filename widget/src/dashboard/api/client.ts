import {
  AgentList,
  AgentWithToken,
  ApiKeyAnswer,
  Business,
  type BusinessCreate,
  BusinessList,
  type BusinessPatch,
  BusinessWithKey,
  Document,
  DocumentList,
  type DocumentPatch,
  type ExportFormat,
  Insights,
  LimitsReport,
  Me,
  MessageSearchAnswer,
  SessionList,
  Transcript,
  Webhook,
  WebhookDeliveryList,
  type WebhookEvent,
  WebhookList,
  WebhookWithSecret,
} from "@supportal/shared";
import { qualityApi } from "./quality-client";
import { request, send } from "./request";
import { uploadFile } from "./upload-file";

/** Every REST call the dashboard makes, bound to one server and one credential. */
export function createApi(base: string, token: string) {
  const business = (id: number) => `api/businesses/${id}`;
  return {
    base,
    token,
    listBusinesses: () => request(base, token, "api/businesses", BusinessList),
    createBusiness: (input: BusinessCreate) =>
      request(base, token, "api/businesses", BusinessWithKey, { method: "POST", body: input }),
    getBusiness: (id: number) => request(base, token, business(id), Business),
    updateBusiness: (id: number, patch: BusinessPatch) =>
      request(base, token, business(id), Business, { method: "PATCH", body: patch }),
    deleteBusiness: (id: number) => send(base, token, business(id), { method: "DELETE" }),
    rotateKey: (id: number) =>
      request(base, token, `${business(id)}/api-key`, ApiKeyAnswer, { method: "POST" }),

    listDocuments: (id: number) => request(base, token, `${business(id)}/documents`, DocumentList),
    updateDocument: (id: number, docId: number, patch: DocumentPatch) =>
      request(base, token, `${business(id)}/documents/${docId}`, Document, { method: "PATCH", body: patch }),
    deleteDocument: (id: number, docId: number) =>
      send(base, token, `${business(id)}/documents/${docId}`, { method: "DELETE" }),
    uploadDocument: (id: number, file: File, onProgress: (fraction: number) => void, replaceId?: number) =>
      uploadFile({
        url: new URL(`${business(id)}/documents${replaceId ? `/${replaceId}` : ""}`, base).href,
        method: replaceId ? "PUT" : "POST",
        token,
        file,
        onProgress,
      }),

    listSessions: (id: number) => request(base, token, `${business(id)}/sessions`, SessionList),
    getTranscript: (id: number, sessionId: string) =>
      request(base, token, `${business(id)}/sessions/${encodeURIComponent(sessionId)}`, Transcript),
    searchMessages: (id: number, text: string) =>
      request(base, token, `${business(id)}/messages?q=${encodeURIComponent(text)}`, MessageSearchAnswer),
    exportTranscripts: async (id: number, format: ExportFormat) =>
      (await send(base, token, `${business(id)}/messages/export?format=${format}`)).blob(),
    getLimits: (id: number) => request(base, token, `${business(id)}/limits`, LimitsReport),
    getInsights: (id: number, days: number) =>
      request(base, token, `${business(id)}/insights?days=${days}`, Insights),

    me: () => request(base, token, "api/me", Me),
    listAgents: (id: number) => request(base, token, `${business(id)}/agents`, AgentList),
    createAgent: (id: number, name: string) =>
      request(base, token, `${business(id)}/agents`, AgentWithToken, { method: "POST", body: { name } }),
    deleteAgent: (id: number, agentId: number) =>
      send(base, token, `${business(id)}/agents/${agentId}`, { method: "DELETE" }),
    listWebhooks: (id: number) => request(base, token, `${business(id)}/webhooks`, WebhookList),
    createWebhook: (id: number, url: string, events: WebhookEvent[]) =>
      request(base, token, `${business(id)}/webhooks`, WebhookWithSecret, {
        method: "POST",
        body: { url, events },
      }),
    updateWebhook: (id: number, webhookId: number, patch: { url?: string; events?: WebhookEvent[] }) =>
      request(base, token, `${business(id)}/webhooks/${webhookId}`, Webhook, {
        method: "PATCH",
        body: patch,
      }),
    deleteWebhook: (id: number, webhookId: number) =>
      send(base, token, `${business(id)}/webhooks/${webhookId}`, { method: "DELETE" }),
    listDeliveries: (id: number, webhookId: number) =>
      request(base, token, `${business(id)}/webhooks/${webhookId}/deliveries`, WebhookDeliveryList),
    ...qualityApi(base, token),
  };
}

export type Api = ReturnType<typeof createApi>;
