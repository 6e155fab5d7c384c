import { expect, test } from "bun:test";
import { AppError } from "../errors";
import { makeDeeplyNestedPdf } from "../testing/hostile-files";
import { extractPdf } from "./extract-pdf";

test("a PDF nested too deeply for pdf.js is refused as damaged, without the engine's own words", async () => {
  let error: unknown;
  try {
    await extractPdf(makeDeeplyNestedPdf(100_000));
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(AppError);
  // pdf.js passes on "RangeError: Maximum call stack size exceeded." as an UnknownErrorException.
  expect((error as AppError).message).toBe("The PDF is damaged and cannot be read.");
});

test("the same structure, shallow, reads fine: the refusal is about the nesting", async () => {
  const { blocks } = await extractPdf(makeDeeplyNestedPdf(3));
  expect(blocks.map((block) => block.text)).toEqual(["Opening hours are nine to five."]);
});
