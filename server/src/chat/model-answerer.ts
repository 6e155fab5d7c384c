import type { Source } from "@supportal/shared";
import type { ChatModel } from "../providers/chat-model";
import { type Answerer, dedupeSources, sourceOf } from "./answerer";
import { buildPrompt, HANDOFF_MARKER } from "./build-prompt";

/** Answers with a chat model from the retrieved chunks; sources are the ones it cites. */
export function createModelAnswerer(deps: { chatModel: ChatModel }): Answerer {
  return {
    answer(input) {
      let text = "";
      let sources: Source[] = [];
      let handoff = false;
      async function* pieces(): AsyncGenerator<string> {
        const messages = buildPrompt(input);
        // The opening is held back while it could still be the handoff marker, which the visitor must
        // never see; anything else is streamed from the first piece that rules it out.
        let decided = !input.handoffEnabled;
        for await (const piece of deps.chatModel.stream({ messages, signal: input.signal })) {
          text += piece;
          if (decided) {
            yield piece;
            continue;
          }
          const opening = text.trimStart();
          if (opening.startsWith(HANDOFF_MARKER)) {
            handoff = true;
            return;
          }
          if (HANDOFF_MARKER.startsWith(opening)) continue;
          decided = true;
          yield text;
        }
        if (!decided && text.trim()) yield text;
        const cited = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((match) => Number(match[1]) - 1));
        const used = cited.size ? input.chunks.filter((_, i) => cited.has(i)) : input.chunks;
        sources = dedupeSources(used.map((chunk) => sourceOf(chunk, chunk.text)));
      }
      return { pieces: pieces(), sources: () => sources, handoff: () => handoff };
    },
  };
}
