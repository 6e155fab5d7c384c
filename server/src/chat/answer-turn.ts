import type { Message } from "@supportal/shared";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { ChatModel, ChatTurn } from "../providers/chat-model";
import type { Embedder } from "../providers/embedder";
import { type RankedChunk, searchChunks } from "../rag/search-chunks";
import type { VectorStore } from "../rag/vector-store";
import { type Answerer, sourceOf } from "./answerer";
import { judgeRelevance, type RelevanceThresholds } from "./relevance";
import type { SessionHub } from "./session-hub";
import { appendMessage, listSessionMessages } from "./session-repo";
import { searchQueries } from "./standalone-query";

export interface TurnDeps {
  db: Db;
  hub: SessionHub;
  store: VectorStore;
  embedder: Embedder;
  chatModel: ChatModel | null;
  answerer: Answerer;
  thresholds: RelevanceThresholds;
  topK: number;
  now: () => Date;
}

export interface Turn {
  businessId: number;
  business: { name: string; systemPrompt: string | null };
  sessionId: string;
  key: string;
  question: string;
  signal: AbortSignal;
}

/** How every answer that does not answer opens, so that people and tools can tell it at once. */
export const NOT_FOUND_OPENING = "I'm sorry, I couldn't find";

export const notFoundAnswer = (businessName: string) =>
  `${NOT_FOUND_OPENING} anything about that in ${businessName}'s documents, so I won't guess. ` +
  "Could you rephrase the question, or ask about something else?";

/** Still not an answer, but points at the one passage that came close, as its source. */
export function nearMissAnswer(businessName: string, chunk: RankedChunk): string {
  const where = [
    chunk.heading ? `“${chunk.heading}”` : "",
    `in ${chunk.documentName}`,
    chunk.page ? `(page ${chunk.page})` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    `${NOT_FOUND_OPENING} a clear answer to that in ${businessName}'s documents, so I won't guess. ` +
    `The closest part I found is ${where}; it may help. You could also rephrase the question.`
  );
}

export const unavailableAnswer =
  "The assistant is unavailable right now. Please try again in a moment; your question has been saved.";

function historyTurns(messages: Message[]): ChatTurn[] {
  return messages
    .filter((m) => m.sender === "user" || m.sender === "assistant")
    .map((m) => ({ role: m.sender === "user" ? "user" : "assistant", content: m.message }));
}

/** One customer question: store and echo it, retrieve, stream the answer, store and send it whole. */
export async function answerTurn(deps: TurnDeps, turn: Turn): Promise<void> {
  const stamp = () => deps.now().toISOString();
  const history = historyTurns(listSessionMessages(deps.db, turn.businessId, turn.sessionId, 20));
  const userMessage = appendMessage(deps.db, {
    id: crypto.randomUUID(),
    businessId: turn.businessId,
    sessionId: turn.sessionId,
    sender: "user",
    message: turn.question,
    now: stamp(),
  });
  deps.hub.publish(turn.key, userMessage);
  deps.hub.publish(turn.key, { type: "typing", sender: "assistant" });

  const answerId = crypto.randomUUID();
  let text = "";
  try {
    let chunks: RankedChunk[] = [];
    let nearMiss: RankedChunk | null = null;
    for (const query of await searchQueries({ ...turn, history, chatModel: deps.chatModel })) {
      const ranked = await searchChunks(deps, { businessId: turn.businessId, query, k: deps.topK });
      const judged = judgeRelevance(query, ranked, deps.thresholds);
      chunks = judged.relevant;
      if (chunks.length > 0) break;
      nearMiss ??= judged.nearMiss;
    }
    const stream =
      chunks.length > 0
        ? deps.answerer.answer({
            question: turn.question,
            history,
            chunks,
            business: turn.business,
            signal: turn.signal,
          })
        : null;
    const notFound = nearMiss
      ? nearMissAnswer(turn.business.name, nearMiss)
      : notFoundAnswer(turn.business.name);
    const pieces = stream ? stream.pieces : [notFound];
    for await (const delta of pieces) {
      if (turn.signal.aborted) break;
      text += delta;
      deps.hub.publish(turn.key, { type: "delta", id: answerId, delta });
    }
    if (!text.trim()) text = notFound;
    const answer = appendMessage(deps.db, {
      id: answerId,
      businessId: turn.businessId,
      sessionId: turn.sessionId,
      sender: "assistant",
      message: text,
      sources: stream ? stream.sources() : nearMiss ? [sourceOf(nearMiss, nearMiss.text)] : [],
      unanswered: !stream,
      now: stamp(),
    });
    deps.hub.publish(turn.key, answer);
  } catch (error) {
    if (turn.signal.aborted && !(error instanceof AppError)) return;
    if (!(error instanceof AppError)) console.error("[supportal] answer failed", error);
    const reason = error instanceof AppError ? error.message : "The answer could not be produced.";
    deps.hub.publish(turn.key, { type: "error", code: "model_unavailable", message: reason });
    const notice = appendMessage(deps.db, {
      id: crypto.randomUUID(),
      businessId: turn.businessId,
      sessionId: turn.sessionId,
      sender: "system",
      message: unavailableAnswer,
      now: stamp(),
    });
    deps.hub.publish(turn.key, notice);
  }
}
