import type { ChatModel, ChatTurn } from "../providers/chat-model";
import { contentTerms } from "../rag/terms";

const REWRITE_INSTRUCTION =
  "Rewrite the customer's last message as one standalone search query that needs no earlier context, " +
  "in the customer's language. Reply with the query only.";

const FOLLOW_UP_MAX_TERMS = 3;

/**
 * The queries to retrieve with, in order, until one finds relevant passages. A follow-up such as
 * "and for testing?" means nothing to retrieval on its own: with a chat model it is rewritten from
 * the conversation; offline, the question is tried alone first (most questions stand alone, and
 * borrowing words from an unrelated earlier one only blurs them), then, if it is short enough to be a follow-up, with the previous question.
 */
export async function searchQueries(input: {
  question: string;
  history: ChatTurn[];
  chatModel: ChatModel | null;
  signal: AbortSignal;
}): Promise<string[]> {
  const earlier = input.history.filter((turn) => turn.role === "user");
  if (earlier.length === 0) return [input.question];
  if (!input.chatModel) {
    // Only a short message can be a follow-up; a full question that finds nothing must not borrow
    // an earlier topic and answer about that instead.
    if (contentTerms(input.question).length > FOLLOW_UP_MAX_TERMS) return [input.question];
    return [input.question, `${earlier[earlier.length - 1]!.content} ${input.question}`];
  }
  return [await standaloneQuery({ ...input, chatModel: input.chatModel })];
}

async function standaloneQuery(input: {
  question: string;
  history: ChatTurn[];
  chatModel: ChatModel;
  signal: AbortSignal;
}): Promise<string> {
  try {
    const rewritten = await input.chatModel.complete({
      messages: [
        { role: "system", content: REWRITE_INSTRUCTION },
        ...input.history.slice(-6),
        { role: "user", content: input.question },
      ],
      signal: input.signal,
    });
    const query = rewritten.trim().replace(/^["']|["']$/g, "");
    return query && query.length < 500 ? query : input.question;
  } catch {
    // Retrieval on the raw message is worse but still useful; the answer itself may yet succeed.
    return input.question;
  }
}
