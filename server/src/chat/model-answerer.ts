import type { Source } from "@supportal/shared";
import type { ChatModel } from "../providers/chat-model";
import { type Answerer, dedupeSources, sourceOf } from "./answerer";
import { buildPrompt } from "./build-prompt";

/** Answers with a chat model from the retrieved chunks; sources are the ones it cites. */
export function createModelAnswerer(deps: { chatModel: ChatModel }): Answerer {
  return {
    answer(input) {
      let text = "";
      let sources: Source[] = [];
      async function* pieces(): AsyncGenerator<string> {
        const messages = buildPrompt(input);
        for await (const piece of deps.chatModel.stream({ messages, signal: input.signal })) {
          text += piece;
          yield piece;
        }
        const cited = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((match) => Number(match[1]) - 1));
        const used = cited.size ? input.chunks.filter((_, i) => cited.has(i)) : input.chunks;
        sources = dedupeSources(used.map((chunk) => sourceOf(chunk, chunk.text)));
      }
      return { pieces: pieces(), sources: () => sources };
    },
  };
}
