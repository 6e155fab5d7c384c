import { describe, expect, test } from "bun:test";
import { AppError } from "../errors";
import { makeHugeDocx, makePdfInflateBomb } from "../testing/hostile-files";
import { createExtractionSandbox, type ExtractionSandboxOptions } from "./extraction-sandbox";

const MB = 1024 * 1024;
const options: ExtractionSandboxOptions = {
  memoryBytes: 1024 * MB,
  timeoutMs: 60_000,
  limits: { maxChars: 1_000_000, maxChunks: 1000 },
  chunking: { size: 1000, overlap: 200 },
};
const text = (value: string) => new TextEncoder().encode(value);

async function failure(run: Promise<unknown>): Promise<AppError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the extraction succeeded");
}

describe("extraction sandbox", () => {
  test("extracts and chunks a document in a child process", async () => {
    const extract = createExtractionSandbox(options);
    const result = await extract(text("# Returns\n\nShoes can be returned within 30 days."), "markdown");
    expect(result.chunks).toEqual([
      expect.objectContaining({ index: 0, heading: "Returns", text: expect.stringContaining("30 days") }),
    ]);
    // The child's own peak, not this process's.
    expect(result.peakRssBytes).toBeGreaterThan(10 * MB);
    expect(result.peakRssBytes).toBeLessThan(process.memoryUsage.rss() * 4);
  });

  test("a PDF whose stream inflates to gigabytes is refused as a file, not a crash", async () => {
    const error = await failure(createExtractionSandbox(options)(makePdfInflateBomb(2048), "pdf"));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("when its streams are unpacked");
  });

  test("past its memory budget the child is killed, and this process is untouched", async () => {
    const before = process.memoryUsage.rss();
    // 4 MB of XML: under every archive cap, ~280 MB for mammoth to parse.
    const extract = createExtractionSandbox({ ...options, memoryBytes: 120 * MB });
    const error = await failure(extract(makeHugeDocx(4), "docx"));
    expect(error.code).toBe("internal_error");
    expect(error.message).toBe("Extracting its text needed more than 120 MB of memory.");
    expect(process.memoryUsage.rss() - before).toBeLessThan(100 * MB);
  });

  test("past its time budget the child is killed", async () => {
    const extract = createExtractionSandbox({ ...options, timeoutMs: 300 });
    const error = await failure(extract(makePdfInflateBomb(90), "pdf"));
    expect(error.code).toBe("internal_error");
    expect(error.message).toBe("Extracting its text took longer than 0.3 s.");
  });

  test("an abort kills the child and rejects", async () => {
    const controller = new AbortController();
    const run = createExtractionSandbox(options)(makePdfInflateBomb(90), "pdf", controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
  });
});
