import type { Message } from "@supportal/shared";
import type { CuratedMatcher } from "../curated/curated-matcher";
import type { Repositories } from "../db/repositories";
import { AppError } from "../errors";
import { describeCause } from "../http/handle-error";
import type { HandoffTrigger } from "../inbox/conversations";
import { HANDOFF_NOTICES } from "../inbox/handoff-notices";
import type { ChatModel, ChatTurn } from "../providers/chat-model";
import type { Embedder } from "../providers/embedder";
import type { BestSentences, RankedChunk } from "../rag/search-chunks";
import type { VectorStore } from "../rag/vector-store";
import { type Answerer, sourceOf } from "./answerer";
import { NOTICES, placeOf } from "./chat-notices";
import { withTitles } from "./cite-titles";
import { curatedReply } from "./compose-reply";
import { deltaSender } from "./delta-sender";
import { type ChatLanguage, detectLanguage } from "./detect-language";
import { planReply } from "./plan-reply";
import type { RelevanceThresholds } from "./relevance";
import type { SessionHub } from "./session-hub";
import { turnErrorFrame } from "./turn-error";

export interface TurnDeps {
  repos: Pick<Repositories, "curated" | "documents" | "sessions">;
  hub: SessionHub;
  store: VectorStore;
  embedder: Embedder;
  chatModel: ChatModel | null;
  answerer: Answerer;
  thresholds: RelevanceThresholds;
  topK: number;
  /** Search ranks its best chunks by their closest sentence too, where that is known. */
  bestSentences?: BestSentences;
  now: () => Date;
  /** The owner's curated answers, tried before retrieval. */
  curated?: CuratedMatcher;
  /**
   * Starts a handoff to the business's people when the visitor asks for one; what it returns is the
   * assistant's answer, and `announce` follows it once stored. Null: this business keeps chats with
   * the assistant, which points to its support instead.
   */
  handoff?: (
    businessId: number,
    sessionId: string,
    language: ChatLanguage,
    trigger: HandoffTrigger,
  ) => Promise<{ notice: string; announce: () => Promise<void> } | null>;
  /** Told of every message the turn stores (the inbox and webhooks follow the conversation). */
  onMessage?: (businessId: number, sessionId: string, message: Message) => Promise<void>;
}

export interface Turn {
  businessId: number;
  business: {
    name: string;
    systemPrompt: string | null;
    /** The business hands chats to its people (then a chat model may ask for one). */
    handoffEnabled?: boolean;
    /** Offer a person after this many not-found answers in a row; null: never (or handoff off). */
    offerPersonAfter?: number | null;
  };
  sessionId: string;
  key: string;
  question: string;
  /** The client address the question came from, counted against its share of the daily cap. */
  ip: string;
  /** The widget's id for the question, echoed back so it can tell which of its messages this is. */
  clientId?: string;
  /** The visitor's language as the widget sent it, if it is one the chat speaks. */
  lang: ChatLanguage | null;
  signal: AbortSignal;
  /** Called once the question is stored, or could not be: its stored counters then take over. */
  onStored?: () => void;
}

/** How every English answer that does not answer opens, so that people and tools can tell it at once. */
export const NOT_FOUND_OPENING = NOTICES.en.notFoundOpening;

export const notFoundAnswer = (businessName: string, language: ChatLanguage = "en") =>
  NOTICES[language].notFound(businessName);

/** Still not an answer, but points at the one passage that came close, as its source. */
export const nearMissAnswer = (businessName: string, chunk: RankedChunk, language: ChatLanguage = "en") =>
  NOTICES[language].nearMiss(businessName, placeOf(language, chunk));

export const unavailableAnswer = NOTICES.en.unavailable;

const languageOf = (turn: Turn): ChatLanguage => detectLanguage(turn.question) ?? turn.lang ?? "en";

function historyTurns(messages: Pick<Message, "sender" | "message">[]): ChatTurn[] {
  return messages
    .filter((m) => m.sender === "user" || m.sender === "assistant")
    .map((m) => ({ role: m.sender === "user" ? "user" : "assistant", content: m.message }));
}

/** A not-found answer, with the offer of a person once the business's count of them in a row is reached. */
async function withPersonOffer(
  repos: Pick<Repositories, "sessions">,
  turn: Turn,
  reply: { language: ChatLanguage; text: string },
): Promise<string> {
  const after = turn.business.offerPersonAfter;
  if (
    !after ||
    !(await repos.sessions.offerDue({ businessId: turn.businessId, sessionId: turn.sessionId, after }))
  ) {
    return reply.text;
  }
  return `${reply.text} ${HANDOFF_NOTICES[reply.language].offerPerson}`;
}

/** One customer question: store and echo it, retrieve, stream the answer, store and send it whole. */
export async function answerTurn(deps: TurnDeps, turn: Turn): Promise<void> {
  const stamp = () => deps.now().toISOString();
  const history = historyTurns(await deps.repos.sessions.recentTurns(turn.businessId, turn.sessionId, 20));
  const where = `business ${turn.businessId}`;
  // The echo and any error about this question carry the widget's own id for it.
  const aboutTheQuestion = turn.clientId ? { clientId: turn.clientId } : {};
  let userMessage: Message;
  try {
    userMessage = await deps.repos.sessions.appendMessage({
      id: crypto.randomUUID(),
      businessId: turn.businessId,
      sessionId: turn.sessionId,
      sender: "user",
      message: turn.question,
      ip: turn.ip,
      now: stamp(),
    });
  } catch (error) {
    turn.onStored?.();
    // Not stored, so not echoed: the visitor must learn that this message did not arrive.
    deps.hub.publish(turn.key, { ...turnErrorFrame(error, where), ...aboutTheQuestion });
    return;
  }
  turn.onStored?.();
  deps.hub.publish(turn.key, { ...userMessage, ...aboutTheQuestion });
  await deps.onMessage?.(turn.businessId, turn.sessionId, userMessage);
  deps.hub.publish(turn.key, { type: "typing", sender: "assistant" });

  const answerId = crypto.randomUUID();
  let text = "";
  try {
    const reply = await planReply(deps, { ...turn, history });
    const stream =
      reply.kind === "answer"
        ? deps.answerer.answer({
            question: turn.question,
            history,
            chunks: reply.chunks,
            business: turn.business,
            handoffEnabled: turn.business.handoffEnabled ?? false,
            language: reply.language,
            documentsLanguage: reply.documentsLanguage,
            termStats: reply.termStats,
            signal: turn.signal,
          })
        : null;
    let handoff =
      reply.kind === "handoff"
        ? ((await deps.handoff?.(turn.businessId, turn.sessionId, reply.language, reply.trigger)) ?? null)
        : null;
    const curated =
      reply.kind === "curated" ? await curatedReply(deps.repos, turn.businessId, reply.hit) : null;
    const fallback =
      reply.kind === "answer"
        ? notFoundAnswer(turn.business.name, reply.language ?? "en")
        : reply.kind === "handoff"
          ? (handoff?.notice ?? reply.text)
          : reply.kind === "curated"
            ? reply.hit.row.answer
            : reply.kind === "small_talk"
              ? reply.text
              : await withPersonOffer(deps.repos, turn, reply);
    const pieces = stream ? stream.pieces : curated ? curated.pieces : [fallback];
    const deltas = deltaSender((delta) => deps.hub.publish(turn.key, { type: "delta", id: answerId, delta }));
    try {
      for await (const delta of pieces) {
        if (turn.signal.aborted) break;
        text += delta;
        deltas.push(delta);
      }
    } finally {
      // The pieces that did arrive go out before anything else of the turn (an error frame too).
      deltas.flush();
    }
    // The model asked for a person instead of answering: the handoff's notice is the answer.
    const modelHandoff = stream?.handoff?.() === true && !turn.signal.aborted;
    if (modelHandoff) {
      const language = (reply.kind === "answer" ? reply.language : null) ?? "en";
      handoff = (await deps.handoff?.(turn.businessId, turn.sessionId, language, "model")) ?? null;
      text = handoff?.notice ?? NOTICES[language].handoff(turn.business.name);
      deps.hub.publish(turn.key, { type: "delta", id: answerId, delta: text });
    }
    if (!text.trim()) text = fallback;
    const nearMiss = reply.kind === "not_found" ? reply.nearMiss : null;
    const answer = await deps.repos.sessions.appendMessage({
      id: answerId,
      businessId: turn.businessId,
      sessionId: turn.sessionId,
      sender: "assistant",
      message: text,
      sources: curated
        ? curated.sources
        : await withTitles(
            deps.repos,
            turn.businessId,
            stream && !modelHandoff ? stream.sources() : nearMiss ? [sourceOf(nearMiss, nearMiss.text)] : [],
          ),
      // A request for a person is not a gap in the documents.
      unanswered: reply.kind === "not_found",
      lowEvidence: reply.kind === "answer" && reply.lowEvidence,
      now: stamp(),
    });
    if (reply.kind === "curated") await deps.repos.curated.countCuratedUse(reply.hit.row.id);
    deps.hub.publish(turn.key, answer);
    await deps.onMessage?.(turn.businessId, turn.sessionId, answer);
    await handoff?.announce();
  } catch (error) {
    if (turn.signal.aborted && !(error instanceof AppError)) return;
    deps.hub.publish(turn.key, { ...turnErrorFrame(error, where), ...aboutTheQuestion });
    try {
      const notice = await deps.repos.sessions.appendMessage({
        id: crypto.randomUUID(),
        businessId: turn.businessId,
        sessionId: turn.sessionId,
        sender: "system",
        message: NOTICES[languageOf(turn)].unavailable,
        now: stamp(),
      });
      deps.hub.publish(turn.key, notice);
      await deps.onMessage?.(turn.businessId, turn.sessionId, notice);
    } catch (noticeError) {
      // The same disk that failed the answer may refuse the notice; the error frame has been sent.
      console.error(`[supportal] the notice could not be stored (${where}): ${describeCause(noticeError)}`);
    }
  }
}
