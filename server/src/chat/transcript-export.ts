import type { Message, TranscriptExport } from "@supportal/shared";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { messages, sessions } from "../db/schema";
import { AppError } from "../errors";
import { toMessage } from "./session-repo";

// An export is read into memory at once; past this the owner reads transcripts one by one instead.
const MAX_EXPORT_MESSAGES = 100_000;

/** Every session of a business with its messages, oldest session first, messages in order. */
export function exportTranscripts(db: Db, businessId: number, now: Date): TranscriptExport {
  const rows = db
    .select()
    .from(messages)
    .where(eq(messages.businessId, businessId))
    .orderBy(asc(sql`rowid`))
    .limit(MAX_EXPORT_MESSAGES + 1)
    .all();
  // Refused rather than cut short: an export that silently leaves messages out would lose them.
  if (rows.length > MAX_EXPORT_MESSAGES) {
    throw new AppError(
      "payload_too_large",
      `This business has more than ${MAX_EXPORT_MESSAGES} messages, too many for one export; read the transcripts one by one through GET /api/businesses/${businessId}/sessions/:sessionId.`,
    );
  }
  const bySession = new Map<string, Message[]>();
  for (const row of rows) {
    const list = bySession.get(row.sessionId) ?? [];
    list.push(toMessage(row));
    bySession.set(row.sessionId, list);
  }
  const sessionRows = db
    .select()
    .from(sessions)
    .where(eq(sessions.businessId, businessId))
    .orderBy(asc(sessions.createdAt))
    .all();
  return {
    businessId,
    exportedAt: now.toISOString(),
    sessions: sessionRows.map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      lastMessageAt: session.lastMessageAt,
      messages: bySession.get(session.id) ?? [],
    })),
  };
}

const CSV_HEADER = ["session_id", "message_id", "timestamp", "sender", "message", "sources"];

/**
 * RFC 4180 CSV, one row per message. A cell that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR) gets a leading apostrophe: customers write these messages, the owner opens the file.
 */
export function transcriptsToCsv(data: TranscriptExport): string {
  const lines = [CSV_HEADER.join(",")];
  for (const session of data.sessions) {
    for (const message of session.messages) {
      const sources = (message.sources ?? []).map((source) => source.documentName).join("; ");
      lines.push(
        [session.id, message.id, message.timestamp, message.sender, message.message, sources]
          .map(csvCell)
          .join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
