import type { ChatTurn } from "../providers/chat-model";
import type { RankedChunk } from "../rag/search-chunks";
import { NOTICES } from "./chat-notices";
import type { ChatLanguage } from "./detect-language";

// A rough 4 characters a token keeps us inside small models' windows without a tokenizer.
const HISTORY_CHAR_BUDGET = 6000;
const SOURCE_CHAR_BUDGET = 12000;

/** What a chat model answers, alone, to hand the conversation to a person of the business. */
export const HANDOFF_MARKER = "[[handoff]]";

export const NOT_FOUND_INSTRUCTION =
  "If the sources do not contain the answer, say plainly that you could not find it in the documents; never invent an answer.";

/** The system prompt, the retrieved chunks as numbered sources, the recent turns, then the question. */
export function buildPrompt(input: {
  business: { name: string; systemPrompt: string | null };
  chunks: RankedChunk[];
  history: ChatTurn[];
  question: string;
  language?: ChatLanguage | null;
  handoffEnabled?: boolean;
}): ChatTurn[] {
  const persona =
    input.business.systemPrompt?.trim() ||
    `You are the friendly customer-support assistant of ${input.business.name}. Be concise and helpful.`;
  let budget = SOURCE_CHAR_BUDGET;
  const sources = input.chunks
    .map((chunk, i) => {
      const where = [chunk.documentName, chunk.heading, chunk.page ? `page ${chunk.page}` : ""].filter(
        Boolean,
      );
      const text = chunk.text.slice(0, Math.max(0, budget));
      budget -= text.length;
      return text ? `[${i + 1}] (${where.join(", ")})\n${text}` : "";
    })
    .filter(Boolean)
    .join("\n\n");
  const rules = [
    "Answer only from the numbered sources below, and cite the ones you use like [1].",
    NOT_FOUND_INSTRUCTION,
    input.language
      ? `Reply in ${NOTICES.en.languageNames[input.language]}, the customer's language, even when the sources are in another language.`
      : "Reply in the language the customer writes in, even when the sources are in another language.",
    ...(input.handoffEnabled
      ? [
          `If the customer asks for a person, or needs something only ${input.business.name}'s people can do or decide, reply with exactly ${HANDOFF_MARKER} and nothing else: a person of the team will take over.`,
        ]
      : []),
  ].join(" ");
  return [
    { role: "system", content: `${persona}\n\n${rules}\n\nSources:\n${sources}` },
    ...recentTurns(input.history),
    { role: "user", content: input.question },
  ];
}

/** The newest turns that fit the budget, oldest first. */
export function recentTurns(history: ChatTurn[], budget = HISTORY_CHAR_BUDGET): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let used = 0;
  for (const turn of [...history].reverse()) {
    used += turn.content.length;
    if (used > budget) break;
    kept.unshift(turn);
  }
  return kept;
}
