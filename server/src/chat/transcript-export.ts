import type { Contact, ConversationMode, ExportFormat, Message } from "@supportal/shared";
import { SESSIONS_PER_PAGE, type SessionRepo, type SessionRow } from "./session-repo";

/** The session's mode, its person and the address left, as `GET …/sessions/:id` gives them. */
export function conversationState(row: {
  mode: ConversationMode;
  agentName: string | null;
  contact: Contact | null;
}) {
  return {
    mode: row.mode,
    ...(row.agentName ? { agentName: row.agentName } : {}),
    ...(row.contact ? { contact: row.contact } : {}),
  };
}

const CSV_HEADER = ["session_id", "message_id", "timestamp", "sender", "message", "sources"];

/**
 * Every session of a business with its messages, oldest session first, messages in order, as the
 * JSON `TranscriptExport` or as CSV, streamed page by page: no size cap, and memory stays flat
 * however many messages there are.
 */
export function streamTranscripts(
  sessions: Pick<SessionRepo, "sessionPage" | "allSessionMessages">,
  input: { businessId: number; exportedAt: string; format: ExportFormat },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last: SessionRow | null = null;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      let text = "";
      if (first) {
        text +=
          input.format === "json"
            ? `{"businessId":${input.businessId},"exportedAt":${JSON.stringify(input.exportedAt)},"sessions":[`
            : `${CSV_HEADER.join(",")}\r\n`;
      }
      const page = await sessions.sessionPage(input.businessId, last);
      for (const session of page) {
        const list = await sessions.allSessionMessages(input.businessId, session.id);
        if (input.format === "json") {
          const entry = {
            id: session.id,
            createdAt: session.createdAt,
            lastMessageAt: session.lastMessageAt,
            ...conversationState(session),
            messages: list,
          };
          text += `${first ? "" : ","}${JSON.stringify(entry)}`;
        } else {
          for (const message of list) text += csvRow(session.id, message);
        }
        first = false;
      }
      first = false;
      last = page.at(-1) ?? last;
      if (page.length < SESSIONS_PER_PAGE) {
        done = true;
        if (input.format === "json") text += "]}";
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (done) controller.close();
    },
  });
}

/**
 * RFC 4180 CSV, one row per message. A cell that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR) gets a leading apostrophe: customers write these messages, the owner opens the file.
 */
function csvRow(sessionId: string, message: Message): string {
  const sources = (message.sources ?? []).map((source) => source.documentName).join("; ");
  return `${[sessionId, message.id, message.timestamp, message.sender, message.message, sources].map(csvCell).join(",")}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
