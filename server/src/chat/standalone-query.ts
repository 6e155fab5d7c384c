import type { ChatModel, ChatTurn } from "../providers/chat-model";
import { contentTerms } from "../rag/terms";

const REWRITE_INSTRUCTION =
  "Rewrite the customer's last message as one standalone search query that needs no earlier context, " +
  "in the customer's language. Reply with the query only.";

/**
 * A follow-up such as "and for testing?" means nothing to retrieval on its own. With a chat model
 * it is rewritten from the conversation; offline, a short follow-up borrows the previous question.
 */
export async function standaloneQuery(input: {
  question: string;
  history: ChatTurn[];
  chatModel: ChatModel | null;
  signal: AbortSignal;
}): Promise<string> {
  const earlier = input.history.filter((turn) => turn.role === "user");
  if (earlier.length === 0) return input.question;
  if (!input.chatModel) {
    if (contentTerms(input.question).length >= 4) return input.question;
    return `${earlier[earlier.length - 1]!.content} ${input.question}`;
  }
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
