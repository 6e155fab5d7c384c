import {
  Check,
  type CheckCreate,
  CheckList,
  CheckRun,
  CheckRunList,
  CheckSuggestionList,
  CuratedAnswer,
  type CuratedAnswerCreate,
  CuratedAnswerList,
  type CuratedAnswerPatch,
  CuratedImportResult,
  ReviewQueue,
} from "@supportal/shared";
import { request, send } from "./request";

/** The quality loop's REST calls (review queue, curated answers, checks), bound to one server and credential. */
export function qualityApi(base: string, token: string) {
  const business = (id: number) => `api/businesses/${id}`;
  return {
    getReview: (id: number, days: number) =>
      request(base, token, `${business(id)}/review?days=${days}`, ReviewQueue),
    dismissReview: (id: number, messageIds: string[]) =>
      send(base, token, `${business(id)}/review/dismiss`, { method: "POST", body: { messageIds } }),
    markTestSession: (id: number, sessionId: string) =>
      send(base, token, `${business(id)}/sessions/${encodeURIComponent(sessionId)}/test`, { method: "PUT" }),

    listCurated: (id: number) => request(base, token, `${business(id)}/answers`, CuratedAnswerList),
    createCurated: (id: number, input: CuratedAnswerCreate) =>
      request(base, token, `${business(id)}/answers`, CuratedAnswer, { method: "POST", body: input }),
    updateCurated: (id: number, answerId: number, patch: CuratedAnswerPatch) =>
      request(base, token, `${business(id)}/answers/${answerId}`, CuratedAnswer, {
        method: "PATCH",
        body: patch,
      }),
    deleteCurated: (id: number, answerId: number) =>
      send(base, token, `${business(id)}/answers/${answerId}`, { method: "DELETE" }),
    importCurated: (id: number, csv: string) =>
      request(base, token, `${business(id)}/answers/import`, CuratedImportResult, {
        method: "POST",
        raw: { text: csv, type: "text/csv" },
      }),
    exportCurated: async (id: number) => (await send(base, token, `${business(id)}/answers/export`)).blob(),

    listChecks: (id: number) => request(base, token, `${business(id)}/checks`, CheckList),
    createCheck: (id: number, input: CheckCreate) =>
      request(base, token, `${business(id)}/checks`, Check, { method: "POST", body: input }),
    deleteCheck: (id: number, checkId: number) =>
      send(base, token, `${business(id)}/checks/${checkId}`, { method: "DELETE" }),
    runChecks: (id: number) =>
      request(base, token, `${business(id)}/checks/run`, CheckRun, { method: "POST" }),
    listRuns: (id: number, limit: number) =>
      request(base, token, `${business(id)}/checks/runs?limit=${limit}`, CheckRunList),
    getRun: (id: number, runId: number) =>
      request(base, token, `${business(id)}/checks/runs/${runId}`, CheckRun),
    listSuggestions: (id: number) =>
      request(base, token, `${business(id)}/checks/suggestions`, CheckSuggestionList),
    acceptSuggestion: (id: number, suggestionId: number) =>
      request(base, token, `${business(id)}/checks/suggestions/${suggestionId}/accept`, Check, {
        method: "POST",
      }),
    dropSuggestion: (id: number, suggestionId: number) =>
      send(base, token, `${business(id)}/checks/suggestions/${suggestionId}`, { method: "DELETE" }),
  };
}
