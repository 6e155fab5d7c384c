import type { MessageHit } from "@supportal/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { messages } from "../db/schema";
import { toMessage } from "./session-repo";

// Read per step when scanning in JavaScript.
export const SCAN_PAGE = 500;

/**
 * Messages of one business containing `text` in any case, newest first. An ASCII search runs in
 * SQLite with `instr` over `lower()` (not LIKE, so `%` and `_` are plain characters); SQLite's
 * `lower()` only folds ASCII, so a search with other letters ("Über") is matched in JavaScript.
 */
export function searchMessages(db: Db, businessId: number, text: string, limit: number): MessageHit[] {
  const needle = text.toLowerCase();
  const newestFirst = [desc(messages.createdAt), desc(sql`rowid`)] as const;
  const hit = (row: typeof messages.$inferSelect) => ({ sessionId: row.sessionId, message: toMessage(row) });
  if (/^[\x00-\x7f]*$/.test(needle)) {
    return db
      .select()
      .from(messages)
      .where(and(eq(messages.businessId, businessId), sql`instr(lower(${messages.message}), ${needle}) > 0`))
      .orderBy(...newestFirst)
      .limit(limit)
      .all()
      .map(hit);
  }
  const hits: MessageHit[] = [];
  for (let offset = 0; hits.length < limit; offset += SCAN_PAGE) {
    const page = db
      .select()
      .from(messages)
      .where(eq(messages.businessId, businessId))
      .orderBy(...newestFirst)
      .limit(SCAN_PAGE)
      .offset(offset)
      .all();
    for (const row of page)
      if (row.message.toLowerCase().includes(needle) && hits.length < limit) hits.push(hit(row));
    if (page.length < SCAN_PAGE) break;
  }
  return hits;
}
