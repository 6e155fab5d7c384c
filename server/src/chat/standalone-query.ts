import type { ChatModel, ChatTurn } from "../providers/chat-model";
import { contentTerms } from "../rag/terms";

const REWRITE_INSTRUCTION =
  "Rewrite the customer's last message as one standalone search query that needs no earlier context, " +
  "in the customer's language. Reply with the query only.";

const FOLLOW_UP_MAX_TERMS = 3;

// A message that refers back to the conversation: it opens like a continuation ("and for testing?",
// "what about Canada?", "und für Windows?") or points at something said before ("does it work
// offline?", "can I undo that?"). Anything else is a new question, however short.
const CONTINUES =
  /^(?:and|but|or|also|so|then|what about|how about|what if|same for|und|aber|auch|und wenn|was ist mit|et|mais|aussi|et si|et pour|y|pero|también|y si|y para|¿y)\b/iu;
const POINTS_BACK =
  /\b(?:it|its|that|this|those|these|them|they|there|same|one|ones|es|das|dies|diese|dieser|dieses|davon|dafür|damit|ça|cela|celui|celle|ceux|eso|esto|ese|esa|esos|esas)\b/iu;

/** Whether a message leans on the one before it rather than standing alone. */
export function refersBack(message: string): boolean {
  const text = message.trim().replace(/^[¿¡"'(]+/u, (m) => (m.includes("¿") ? "¿" : ""));
  return CONTINUES.test(text) || POINTS_BACK.test(text);
}

/**
 * The queries to retrieve with, in order, until one finds relevant passages. A follow-up such as
 * "and for testing?" means nothing to retrieval on its own: with a chat model it is rewritten from
 * the conversation; offline, the question is tried alone first (most questions stand alone, and
 * borrowing words from an unrelated earlier one only blurs them), then, if it is short and refers
 * back (see `refersBack`), with the previous question.
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
    // Only a short message that refers back is a follow-up; any other question that finds nothing
    // must not borrow an earlier topic and answer about that instead.
    if (contentTerms(input.question).length > FOLLOW_UP_MAX_TERMS || !refersBack(input.question))
      return [input.question];
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

const TRANSLATE_INSTRUCTION = (into: string) =>
  `Translate the customer's message into ${into} as one search query for documents written in ${into}. ` +
  "Reply with the query only.";

/** The question carried over into the documents' language by the chat model, or null if it fails. */
export async function translatedQuery(input: {
  question: string;
  into: string;
  chatModel: ChatModel;
  signal: AbortSignal;
}): Promise<string | null> {
  try {
    const translated = await input.chatModel.complete({
      messages: [
        { role: "system", content: TRANSLATE_INSTRUCTION(input.into) },
        { role: "user", content: input.question },
      ],
      signal: input.signal,
    });
    const query = translated.trim().replace(/^["']|["']$/g, "");
    return query && query.length < 500 && query !== input.question ? query : null;
  } catch {
    return null;
  }
}
