import { NOTICES } from "./chat-notices";
import { detectLanguage } from "./detect-language";
import type { SessionRepo } from "./session-repo";

/**
 * At start, no answer is running: a session the assistant answers whose latest message is still the
 * customer's question lost its answer to a crash (kill -9, out of memory, power). Each gets the
 * stored "unavailable" notice in the question's language, marked unanswered, so the visitor sees it
 * in their history and the owner sees the question among the knowledge gaps. Returns how many.
 */
export async function markInterruptedTurns(
  sessions: Pick<SessionRepo, "listInterruptedTurns" | "appendMessage">,
  now: string,
): Promise<number> {
  const rows = await sessions.listInterruptedTurns();
  for (const row of rows) {
    await sessions.appendMessage({
      id: crypto.randomUUID(),
      businessId: row.businessId,
      sessionId: row.sessionId,
      sender: "system",
      message: NOTICES[detectLanguage(row.question) ?? "en"].unavailable,
      unanswered: true,
      now,
    });
  }
  return rows.length;
}
