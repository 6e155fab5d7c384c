import { describe, expect, test } from "bun:test";
import { strToU8, zipSync } from "fflate";
import { AppError } from "../errors";
import { makeDocx, makeZipBomb } from "../testing/fixtures";
import { makeHugeDocx } from "../testing/hostile-files";
import {
  guardDocx,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_EXPANSION_RATIO,
  MAX_DOCX_UNCOMPRESSED_BYTES,
} from "./docx-guard";

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the archive was accepted");
}

describe("guardDocx", () => {
  test("the caps are 100 MB, 2000 entries and a 500-fold expansion", () => {
    expect(MAX_DOCX_UNCOMPRESSED_BYTES).toBe(100 * 1024 * 1024);
    expect(MAX_DOCX_ENTRIES).toBe(2000);
    expect(MAX_DOCX_EXPANSION_RATIO).toBe(500);
  });

  test("an ordinary DOCX passes", () => {
    expect(() => guardDocx(makeDocx({ title: "Hi", paragraphs: ["Hello."], bullets: ["a"] }))).not.toThrow();
  });

  test("a zip bomb is refused by counting inflated bytes, not by trusting declared sizes", () => {
    const bomb = makeZipBomb();
    expect(bomb.length).toBeLessThan(512 * 1024);
    const error = refusal(() => guardDocx(bomb, { maxUncompressedBytes: 8 * 1024 * 1024 }));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("more than 8 MB");
  });

  test("with default limits the bomb is refused on its expansion ratio, after inflating only a little", () => {
    const bomb = makeZipBomb();
    const started = performance.now();
    const error = refusal(() => guardDocx(bomb));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("more than 500-fold");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("at the size cap the bomb is refused without ever holding it in memory", async () => {
    // A fresh process per measurement: peak RSS of a long-lived test runner says little.
    const fixtures = JSON.stringify(`${import.meta.dir}/../testing/fixtures.ts`);
    const guard = JSON.stringify(`${import.meta.dir}/docx-guard.ts`);
    const build = `import { makeZipBomb } from ${fixtures}; const bomb = makeZipBomb();`;
    const run = async (script: string) => {
      const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe" });
      const output = await new Response(child.stdout).text();
      await child.exited;
      return { output, peak: child.resourceUsage()?.maxRSS ?? Number.POSITIVE_INFINITY };
    };
    const baseline = await run(build);
    const guarded = await run(
      `${build} import { guardDocx } from ${guard};
      const started = performance.now();
      try { guardDocx(bomb, { maxExpansionRatio: Number.POSITIVE_INFINITY }); } catch (error) { console.log(error.message); }
      console.log(performance.now() - started);`,
    );
    const [message] = guarded.output.trim().split("\n");
    expect(message).toContain("more than 100 MB");
    // The bomb inflates to 128 MB; the guard holds a few MB of it at a time (the rest is garbage in flight).
    expect(guarded.peak - baseline.peak).toBeLessThan(100 * 1024 * 1024);
  });

  test("too many entries are refused", () => {
    const files: Record<string, Uint8Array> = { "word/document.xml": strToU8("<w:document/>") };
    for (let index = 0; index < 12; index++) files[`word/media/${index}.txt`] = strToU8("x");
    const error = refusal(() => guardDocx(zipSync(files), { maxEntries: 10 }));
    expect(error.code).toBe("invalid_file");
    expect(error.message).toContain("more than 10 files");
  });

  test("honest declared sizes past the cap are refused before inflating anything", () => {
    const big = zipSync({ "word/document.xml": new Uint8Array(2 * 1024 * 1024) });
    expect(refusal(() => guardDocx(big, { maxUncompressedBytes: 1024 * 1024 })).message).toContain(
      "more than 1 MB",
    );
  });

  test("corrupt deflate data is refused as damaged", () => {
    const docx = makeDocx({
      paragraphs: ["Some words that compress into a real deflate stream. ".repeat(40)],
    });
    const corrupt = docx.slice();
    // Scribble over the middle of the first entry's compressed data.
    for (let at = 80; at < 140; at++) corrupt[at] = 0xff;
    expect(refusal(() => guardDocx(corrupt)).code).toBe("invalid_file");
  });
});

test("a small DOCX holding more XML than mammoth can parse within the extraction budget is refused", () => {
  const huge = makeHugeDocx(20);
  expect(huge.length).toBeLessThan(2 * 1024 * 1024);
  // Under the archive cap (100 MB) and the expansion ratio: only the XML cap refuses it.
  const error = refusal(() => guardDocx(huge));
  expect(error.message).toContain("more than 12 MB of text markup");
  expect(() => guardDocx(makeHugeDocx(2), { maxXmlBytes: 4 * 1024 * 1024 })).not.toThrow();
});
