import type { Embedder } from "../providers/embedder";
import type { ChunkWindow } from "./build-chunk-windows";
import { mixVectors } from "./mix-vectors";
import type { ChunkRow } from "./vector-store";

/**
 * Turns windows into stored rows, `groupSize` windows at a time, so a long document becomes
 * searchable as it goes. Each distinct text is embedded once (overlapping chunks repeat sentences and
 * every chunk of a section repeats its heading), and the next group's texts are already queued at the
 * encoder while the caller stores the current group, so the encoder never waits for the store.
 */
export async function* embedWindowGroups(
  embedder: Embedder,
  windows: ChunkWindow[],
  groupSize: number,
): AsyncGenerator<ChunkRow[]> {
  const vectors = new Map<string, Promise<number[]>>();
  const groups: ChunkWindow[][] = [];
  for (let start = 0; start < windows.length; start += Math.max(1, groupSize)) {
    groups.push(windows.slice(start, start + Math.max(1, groupSize)));
  }

  const queue = (group: ChunkWindow[] | undefined) => {
    if (!group) return;
    const texts = group.flatMap((window) =>
      window.contextText === undefined ? [window.embedText] : [window.embedText, window.contextText],
    );
    const fresh = [...new Set(texts)].filter((text) => !vectors.has(text));
    if (fresh.length === 0) return;
    const call = embedder.embed(fresh);
    fresh.forEach((text, i) => {
      const vector = call.then((rows) => {
        const row = rows[i];
        if (!row) throw new Error(`the embedder returned ${rows.length} vectors for ${fresh.length} texts`);
        return row;
      });
      // Awaited when its group is stored; a group never reached (the caller stopped) must not
      // count as an unhandled rejection meanwhile.
      vector.catch(() => undefined);
      vectors.set(text, vector);
    });
  };

  queue(groups[0]);
  for (const [index, group] of groups.entries()) {
    queue(groups[index + 1]);
    const rows = await Promise.all(
      group.map(async ({ embedText, contextText, ...row }) => {
        const vector = await vectors.get(embedText)!;
        const context = contextText === undefined ? undefined : await vectors.get(contextText)!;
        return { ...row, vector: mixVectors(vector, context) };
      }),
    );
    yield rows;
  }
}
