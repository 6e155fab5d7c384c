import type { Embedder, EmbedPriority } from "../providers/embedder";
import { priorityOf } from "../providers/embedder";
import { stubEmbedding } from "./openai-stub";

/** An embedder (the loopback stub's bag of words) that records every call: its texts and priority. */
export function recordingEmbedder(id = "recording-bag-of-words") {
  const calls: { texts: string[]; priority: EmbedPriority | undefined }[] = [];
  const embedder: Embedder = {
    id,
    async embed(texts, options) {
      calls.push({ texts, priority: priorityOf(options) });
      return texts.map((text) => stubEmbedding(text));
    },
  };
  /** Every text embedded since the calls were last cleared, in order. */
  const texts = () => calls.flatMap((call) => call.texts);
  return { embedder, calls, texts };
}
