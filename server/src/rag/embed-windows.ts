import type { Embedder } from "../providers/embedder";
import type { ChunkWindow } from "./build-chunk-windows";
import { mixVectors } from "./mix-vectors";
import type { ChunkRow } from "./vector-store";

/**
 * Turns windows into stored rows, `groupSize` windows at a time, so a long document becomes
 * searchable as it goes. Each distinct text is embedded once (overlapping chunks repeat sentences and
 * every chunk of a section repeats its heading), and the next group's texts are already queued at the
 * encoder while the caller stores the current group, so the encoder never waits for the store; unless
 * `prefetch` says no (other documents wait their turn: they should queue behind one group, not two).
 * A vector is dropped after the last group that uses it, so memory follows one group, not the document.
 */
export async function* embedWindowGroups(
  embedder: Embedder,
  windows: ChunkWindow[],
  groupSize: number,
  options: { prefetch?: () => boolean } = {},
): AsyncGenerator<ChunkRow[]> {
  const vectors = new Map<string, Promise<number[]>>();
  const groups: ChunkWindow[][] = [];
  for (let start = 0; start < windows.length; start += Math.max(1, groupSize)) {
    groups.push(windows.slice(start, start + Math.max(1, groupSize)));
  }
  const textsOf = (group: ChunkWindow[]) =>
    group.flatMap((window) =>
      window.contextText === undefined ? [window.embedText] : [window.embedText, window.contextText],
    );
  const lastUse = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const text of textsOf(group)) lastUse.set(text, index);
  });

  const queue = (group: ChunkWindow[] | undefined) => {
    if (!group) return;
    const fresh = [...new Set(textsOf(group))].filter((text) => !vectors.has(text));
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

  for (const [index, group] of groups.entries()) {
    queue(group);
    if (options.prefetch?.() ?? true) queue(groups[index + 1]);
    const rows = await Promise.all(
      group.map(async ({ embedText, contextText, ...row }) => {
        const vector = await vectors.get(embedText)!;
        const context = contextText === undefined ? undefined : await vectors.get(contextText)!;
        return { ...row, vector: mixVectors(vector, context) };
      }),
    );
    for (const text of textsOf(group)) if (lastUse.get(text) === index) vectors.delete(text);
    yield rows;
  }
}
