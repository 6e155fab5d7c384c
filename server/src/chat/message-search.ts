import type { MessageHit } from "@supportal/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { messages } from "../db/schema";
import { toMessage } from "./session-repo";

/**
 * Messages of one business containing `text`, newest first. `instr` over lower-cased text instead of
 * LIKE, so `%` and `_` in the search are plain characters.
 */
export function searchMessages(db: Db, businessId: number, text: string, limit: number): MessageHit[] {
  const needle = text.toLowerCase();
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.businessId, businessId), sql`instr(lower(${messages.message}), ${needle}) > 0`))
    .orderBy(desc(messages.createdAt), desc(sql`rowid`))
    .limit(limit)
    .all()
    .map((row) => ({ sessionId: row.sessionId, message: toMessage(row) }));
}
