import { describe, expect, test } from "bun:test";
import type { Document } from "@supportal/shared";
import { describeDocument, uploadOutcome } from "./upload-status";

const doc = (status: Document["status"], error?: string): Document => ({
  id: 7,
  name: "faq.pdf",
  type: "pdf",
  size: 10,
  status,
  chunkCount: 0,
  ...(error ? { error } : {}),
  createdAt: "",
  updatedAt: "",
});

describe("document and upload status in words", () => {
  test("a finished document is announced as people say it", () => {
    expect(describeDocument(doc("ready"))).toBe("faq.pdf is ready.");
    expect(describeDocument(doc("failed", "no extractable text"))).toBe(
      "faq.pdf could not be indexed: no extractable text",
    );
  });

  test("an upload follows its document once indexing ends", () => {
    const upload = { documentId: 7, message: "Uploaded; indexing." };
    expect(uploadOutcome(upload, [doc("processing")])).toBe("Uploaded; indexing.");
    expect(uploadOutcome(upload, [doc("ready")])).toContain("indexed");
    expect(uploadOutcome(upload, [doc("failed", "too many chunks")])).toBe(
      "Uploaded, but it could not be indexed: too many chunks",
    );
    expect(uploadOutcome({ message: "refused" }, [doc("ready")])).toBe("refused");
  });
});
