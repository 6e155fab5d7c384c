import type { Embedder } from "../providers/embedder";
import { hashSentence, type SentenceVectorRepo } from "./sentence-vector-repo";

/** Stores a ready document's answer sentences' vectors in the background (see `storedSentenceVectors`). */
export interface SentenceVectorFiller {
  /** Queues a document version's chunk texts; a newer version queued replaces an older one. */
  enqueue(documentId: number, chunkTexts: string[]): void;
  /**
   * Embeds and stores a document version's sentence vectors now, one group per step, for ingestion
   * to run as steps of its own before the document shows ready (see `ingestDocument`).
   */
  steps(documentId: number, chunkTexts: string[]): AsyncGenerator<void>;
  /** Resolves when nothing is queued or running (tests and benches). */
  idle(): Promise<void>;
  /** Ends after the background pass's running group; what is left is embedded at question time instead. */
  stop(): Promise<void>;
}

/**
 * Sentences per embedding call: four of the offline encoder's batches of 16, ~1 s on two workers, so
 * a document uploaded meanwhile waits for at most that before its own ingestion's batches run.
 */
const GROUP_SENTENCES = 64;

/**
 * One document at a time, one group at a time, and only while document ingestion has nothing to do
 * and no chat turn is being answered: a document becomes searchable first, its answers get faster
 * after, and a group never starts while a customer waits (right after an upload, turns took
 * 252–259 ms p50 with the filler running against 172–193 ms without it, bench/chat.ts). Groups are
 * bulk embedding work, so a customer's query and answer still go ahead of them and keep the worker
 * reserved for them (`reservedForUrgent`). A document deleted or re-queued (a new version) meanwhile is dropped.
 */
export function createSentenceVectorFiller(deps: {
  repo: SentenceVectorRepo;
  embedder: Embedder;
  /** The texts the answerer would embed of a chunk. */
  sentencesOf: (chunkText: string) => string[];
  /** Resolves when document ingestion has nothing queued or running. */
  ingestionIdle: () => Promise<void>;
  /** Resolves when no chat turn is being answered. */
  turnsIdle: () => Promise<void>;
  documentExists: (documentId: number) => Promise<boolean>;
  log?: (line: string) => void;
}): SentenceVectorFiller {
  const queue = new Map<number, string[]>();
  let running: Promise<void> | null = null;
  let stopped = false;
  let wakeOnStop: () => void = () => {};
  const stopping = new Promise<void>((resolve) => {
    wakeOnStop = resolve;
  });

  /**
   * Embeds and stores the sentences not stored yet, a group per step; `before` runs ahead of each
   * group and ends the work when it says no. Returns the hashes of every sentence of this version.
   */
  async function* groups(
    documentId: number,
    chunkTexts: string[],
    before: () => Promise<boolean>,
  ): AsyncGenerator<void, Set<string> | null> {
    const texts = [...new Set(chunkTexts.flatMap((text) => deps.sentencesOf(text)))];
    const hashes = texts.map(hashSentence);
    const have = await deps.repo.hashesOf(documentId, deps.embedder.id);
    const todo = hashes.flatMap((hash, i) => (have.has(hash) ? [] : [i]));
    for (let start = 0; start < todo.length; start += GROUP_SENTENCES) {
      if (!(await before())) return null;
      const group = todo.slice(start, start + GROUP_SENTENCES);
      const vectors = await deps.embedder.embed(
        group.map((i) => texts[i]!),
        { priority: "bulk" },
      );
      if (!(await deps.documentExists(documentId))) return null;
      await deps.repo.save(
        deps.embedder.id,
        group.map((i, j) => ({ documentId, textHash: hashes[i]!, vector: vectors[j]! })),
      );
      yield;
    }
    return new Set(hashes);
  }

  async function fill(documentId: number, chunkTexts: string[]): Promise<void> {
    const steps = groups(documentId, chunkTexts, async () => {
      await Promise.race([deps.ingestionIdle(), stopping]);
      await Promise.race([deps.turnsIdle(), stopping]);
      return !stopped && !queue.has(documentId) && (await deps.documentExists(documentId));
    });
    let step = await steps.next();
    while (!step.done) step = await steps.next();
    if (step.value && !stopped && !queue.has(documentId))
      await deps.repo.keepOnly(documentId, deps.embedder.id, step.value);
  }

  function drain(): void {
    if (running) return;
    running = (async () => {
      while (!stopped && queue.size > 0) {
        const [documentId, chunkTexts] = queue.entries().next().value!;
        queue.delete(documentId);
        await fill(documentId, chunkTexts).catch(async (error: unknown) => {
          // Not fatal: the answers of this document embed their sentences when asked, as before.
          if (await deps.documentExists(documentId).catch(() => false))
            deps.log?.(`[supportal] sentence vectors of document ${documentId} not stored: ${String(error)}`);
        });
      }
    })().finally(() => {
      running = null;
    });
  }

  return {
    enqueue(documentId, chunkTexts) {
      if (stopped) return;
      queue.delete(documentId);
      queue.set(documentId, chunkTexts);
      drain();
    },
    async *steps(documentId, chunkTexts) {
      // Older versions' sentences stay until the background pass, queued when the document is ready.
      // Ingestion's own stop ends these steps (the document resumes at the next start); ending them
      // on this filler's stop instead would end them early as if done, and a shutdown, which stops
      // the filler first, would show the document ready without its sentences.
      yield* groups(documentId, chunkTexts, async () => true);
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      wakeOnStop();
      queue.clear();
      await running;
    },
  };
}
