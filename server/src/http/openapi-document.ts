import {
  ApiKeyAnswer,
  Business,
  BusinessCreate,
  BusinessList,
  BusinessPatch,
  BusinessWithKey,
  Document,
  DocumentList,
  DocumentPatch,
  ErrorBody,
  ExportQuery,
  Health,
  Insights,
  InsightsQuery,
  LimitsReport,
  MessageSearchAnswer,
  MessageSearchQuery,
  PublicConfig,
  SearchAnswer,
  SearchRequest,
  SessionList,
  Transcript,
  TranscriptExport,
} from "@supportal/shared";
import * as z from "zod";
import type { Operation } from "./openapi-operation";
import { peopleOperations } from "./openapi-people";
import { qualityOperations } from "./openapi-quality";

const businessPath = "/api/businesses/{id}";
const operations: Operation[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness and providers",
    auth: "none",
    status: 200,
    answer: Health,
  },
  {
    method: "post",
    path: "/api/businesses",
    summary: "Create a business",
    auth: "admin",
    body: BusinessCreate,
    status: 201,
    answer: BusinessWithKey,
  },
  {
    method: "get",
    path: "/api/businesses",
    summary: "List businesses",
    auth: "admin",
    status: 200,
    answer: BusinessList,
  },
  {
    method: "get",
    path: businessPath,
    summary: "Read a business",
    auth: "owner",
    status: 200,
    answer: Business,
  },
  {
    method: "patch",
    path: businessPath,
    summary: "Change a business",
    auth: "owner",
    body: BusinessPatch,
    status: 200,
    answer: Business,
  },
  {
    method: "delete",
    path: businessPath,
    summary: "Delete a business and all it owns",
    auth: "owner",
    status: 204,
  },
  {
    method: "post",
    path: `${businessPath}/api-key`,
    summary: "Rotate the API key",
    auth: "owner",
    status: 200,
    answer: ApiKeyAnswer,
  },
  {
    method: "post",
    path: `${businessPath}/documents`,
    summary: "Upload a document (PDF, DOCX, TXT, Markdown)",
    auth: "owner",
    body: "multipart",
    status: 202,
    answer: Document,
  },
  {
    method: "get",
    path: `${businessPath}/documents`,
    summary: "List documents",
    auth: "owner",
    status: 200,
    answer: DocumentList,
  },
  {
    method: "get",
    path: `${businessPath}/documents/{docId}`,
    summary: "Read a document's status",
    auth: "owner",
    status: 200,
    answer: Document,
  },
  {
    method: "patch",
    path: `${businessPath}/documents/{docId}`,
    summary: "Change a document's title (null: the one found in the document)",
    auth: "owner",
    body: DocumentPatch,
    status: 200,
    answer: Document,
  },
  {
    method: "delete",
    path: `${businessPath}/documents/{docId}`,
    summary: "Delete a document and its chunks",
    auth: "owner",
    status: 204,
  },
  {
    method: "post",
    path: `${businessPath}/search`,
    summary: "Hybrid search over the documents",
    auth: "owner",
    body: SearchRequest,
    status: 200,
    answer: SearchAnswer,
  },
  {
    method: "get",
    path: `${businessPath}/sessions`,
    summary: "List chat sessions with their mode, title, agent and contact",
    auth: "agent",
    status: 200,
    answer: SessionList,
  },
  {
    method: "get",
    path: `${businessPath}/sessions/{sessionId}`,
    summary: "Read a transcript",
    auth: "agent",
    status: 200,
    answer: Transcript,
  },
  {
    method: "put",
    path: `${businessPath}/documents/{docId}`,
    summary: "Replace a document with a new version (re-ingested; the old chunks leave search at once)",
    auth: "owner",
    body: "multipart",
    status: 202,
    answer: Document,
  },
  {
    method: "get",
    path: `${businessPath}/messages`,
    summary: "Search the business's messages, newest first",
    auth: "owner",
    query: MessageSearchQuery,
    status: 200,
    answer: MessageSearchAnswer,
  },
  {
    method: "get",
    path: `${businessPath}/messages/export`,
    summary: "Export every session with its messages (format=json, or csv as text/csv)",
    auth: "owner",
    query: ExportQuery,
    status: 200,
    answer: TranscriptExport,
  },
  {
    method: "get",
    path: `${businessPath}/insights`,
    summary: "Knowledge gaps, most-cited documents and messages per day",
    auth: "owner",
    query: InsightsQuery,
    status: 200,
    answer: Insights,
  },
  {
    method: "get",
    path: `${businessPath}/limits`,
    summary: "Today's use of the daily cap, the caps hit (when, by whom) and refused origins",
    auth: "owner",
    status: 200,
    answer: LimitsReport,
  },
  {
    method: "get",
    path: "/api/public/businesses/{id}/config",
    summary: "The widget's public defaults",
    auth: "none",
    status: 200,
    answer: PublicConfig,
  },
  ...peopleOperations(businessPath),
  ...qualityOperations(businessPath),
];

const schema = (type: z.core.$ZodType, io: "input" | "output") =>
  z.toJSONSchema(type, { io, unrepresentable: "any", target: "draft-2020-12" });

const errorResponse = {
  description: "Error",
  content: { "application/json": { schema: schema(ErrorBody, "output") } },
};

function parameters(op: Operation) {
  const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: match[1] === "sessionId" ? "string" : "integer" },
  }));
  if (!op.query) return inPath;
  const json = schema(op.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
  const inQuery = Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
  return [...inPath, ...inQuery];
}

function requestBody(body: Operation["body"]) {
  if (!body) return undefined;
  if (body === "multipart") {
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    };
  }
  return { required: true, content: { "application/json": { schema: schema(body, "input") } } };
}

/** The OpenAPI 3.1 document, derived from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      ...(op.auth === "none" ? { security: [] } : {}),
      ...(op.auth === "admin" ? { description: "Admin token only." } : {}),
      ...(op.auth === "agent"
        ? { description: "Admin token, the business's key, or one of its agent tokens." }
        : {}),
      parameters: parameters(op),
      requestBody: requestBody(op.body),
      responses: {
        [op.status]: op.answer
          ? { description: "OK", content: { "application/json": { schema: schema(op.answer, "output") } } }
          : { description: "No content" },
        default: errorResponse,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Supportal API", version },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
