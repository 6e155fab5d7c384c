import { describe, expect, test } from "bun:test";
import { createQueryBatcher } from "./query-batcher";

/** One slow worker: jobs run one at a time, each job's texts read when it starts. */
function oneWorker(msPerJob: number) {
  const jobs: string[][] = [];
  let chain = Promise.resolve();
  const run = (makeTexts: () => string[]) => {
    const job = chain.then(async () => {
      const texts = makeTexts();
      jobs.push(texts);
      await Bun.sleep(msPerJob);
      return texts.map((text) => [text.length]);
    });
    chain = job.then(() => undefined);
    return job;
  };
  return { jobs, run };
}

describe("createQueryBatcher", () => {
  test("queries that arrive while the worker is busy share one job, each getting its own vectors", async () => {
    const worker = oneWorker(30);
    const batcher = createQueryBatcher({ maxTexts: 16, run: worker.run });
    const first = batcher.embed(["first"]);
    await Bun.sleep(5);
    const later = await Promise.all(["a", "bb", "ccc"].map((text) => batcher.embed([text])));
    await first;
    expect(worker.jobs).toEqual([["first"], ["a", "bb", "ccc"]]);
    expect(later).toEqual([[[1]], [[2]], [[3]]]);
  });

  test("a batch holds at most maxTexts texts; the rest go in the next job", async () => {
    const worker = oneWorker(10);
    const batcher = createQueryBatcher({ maxTexts: 2, run: worker.run });
    const results = await Promise.all(["a", "b", "c", "d", "e"].map((text) => batcher.embed([text])));
    expect(results.flat()).toHaveLength(5);
    expect(Math.max(...worker.jobs.map((job) => job.length))).toBe(2);
  });

  test("a failed job rejects its own queries only", async () => {
    let calls = 0;
    const batcher = createQueryBatcher({
      maxTexts: 16,
      run: async (makeTexts) => {
        const texts = makeTexts();
        if (calls++ === 0) throw new Error("model failed");
        return texts.map(() => [0]);
      },
    });
    await expect(batcher.embed(["one"])).rejects.toThrow("model failed");
    expect(await batcher.embed(["two"])).toEqual([[0]]);
  });

  test("a job that never starts rejects every waiting query", async () => {
    const batcher = createQueryBatcher({ maxTexts: 16, run: () => Promise.reject(new Error("closed")) });
    await expect(batcher.embed(["x"])).rejects.toThrow("closed");
  });
});
