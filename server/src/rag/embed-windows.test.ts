import { expect, test } from "bun:test";
import type { Embedder } from "../providers/embedder";
import type { ChunkWindow } from "./build-chunk-windows";
import { embedWindowGroups } from "./embed-windows";
import { mixVectors } from "./mix-vectors";

/** One-hot vectors by first appearance, recording every call. */
function recordingEmbedder() {
  const calls: string[][] = [];
  const seen: string[] = [];
  const embedder: Embedder = {
    id: "recording",
    async embed(texts) {
      calls.push(texts);
      return texts.map((text) => {
        if (!seen.includes(text)) seen.push(text);
        return Array.from({ length: 8 }, (_, i) => (i === seen.indexOf(text) ? 1 : 0));
      });
    },
  };
  return { embedder, calls };
}

const window = (chunkIndex: number, windowIndex: number, embedText: string, contextText?: string) =>
  ({
    documentId: 1,
    documentName: "doc",
    chunkIndex,
    windowIndex,
    heading: contextText ?? "",
    page: 0,
    text: "chunk text",
    ftsText: "",
    embedText,
    ...(contextText ? { contextText } : {}),
  }) satisfies ChunkWindow;

test("embeds each distinct text once, in groups, and mixes the heading into windows", async () => {
  const { embedder, calls } = recordingEmbedder();
  const windows = [
    window(0, 0, "Returns"),
    window(0, 1, "Send it back within 30 days.", "Returns"),
    window(1, 0, "Returns"),
    window(1, 1, "Send it back within 30 days.", "Returns"),
    window(1, 2, "Refunds take a week.", "Returns"),
  ];
  const groups: number[] = [];
  const rows = [];
  for await (const group of embedWindowGroups(embedder, windows, 2)) {
    groups.push(group.length);
    rows.push(...group);
  }
  expect(groups).toEqual([2, 2, 1]);
  expect(calls.flat().sort()).toEqual(["Refunds take a week.", "Returns", "Send it back within 30 days."]);
  expect(rows.map((row) => [row.chunkIndex, row.windowIndex])).toEqual([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [1, 2],
  ]);
  const heading = rows[0]!.vector;
  expect(rows[2]!.vector).toEqual(heading);
  expect(rows[1]!.vector).toEqual(mixVectors([0, 1, 0, 0, 0, 0, 0, 0], heading));
  expect(rows.every((row) => !("embedText" in row) && !("contextText" in row))).toBe(true);
});

test("a failed embedding rejects the group that needs it", async () => {
  const embedder: Embedder = {
    id: "failing",
    embed: async () => {
      throw new Error("model down");
    },
  };
  const groups = embedWindowGroups(embedder, [window(0, 0, "a"), window(0, 1, "b")], 1);
  await expect(groups.next()).rejects.toThrow("model down");
});

test("without prefetch, a group's texts go to the embedder only once the previous group is stored", async () => {
  const { embedder, calls } = recordingEmbedder();
  const windows = [window(0, 0, "a"), window(1, 0, "b"), window(2, 0, "c")];
  const seenAtEachGroup: number[] = [];
  for await (const _ of embedWindowGroups(embedder, windows, 1, { prefetch: () => false })) {
    seenAtEachGroup.push(calls.length);
  }
  expect(seenAtEachGroup).toEqual([1, 2, 3]);
  // With prefetch (the default) the next group is already asked for.
  const prefetching = recordingEmbedder();
  const prefetched: number[] = [];
  for await (const _ of embedWindowGroups(prefetching.embedder, windows, 1))
    prefetched.push(prefetching.calls.length);
  expect(prefetched).toEqual([2, 3, 3]);
});

test("a vector shared by groups is embedded once even though each group's vectors are then dropped", async () => {
  const { embedder, calls } = recordingEmbedder();
  const windows = [window(0, 1, "a", "Heading"), window(1, 1, "b"), window(2, 1, "c", "Heading")];
  const rows = [];
  for await (const group of embedWindowGroups(embedder, windows, 1, { prefetch: () => false }))
    rows.push(...group);
  expect(calls.flat().filter((text) => text === "Heading")).toHaveLength(1);
  expect(rows).toHaveLength(3);
});
