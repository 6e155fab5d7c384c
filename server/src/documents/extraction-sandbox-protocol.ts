import { DocumentType, ErrorCode } from "@supportal/shared";
import * as z from "zod";

/** What the sandbox entry is asked to do (its argument); the file's bytes come on its stdin. */
export const SandboxRequest = z.object({
  type: DocumentType,
  limits: z.object({ maxChars: z.number().int().positive(), maxChunks: z.number().int().positive() }),
  chunking: z.object({ size: z.number().int().positive(), overlap: z.number().int().min(0) }),
});
export type SandboxRequest = z.infer<typeof SandboxRequest>;

const ChunkSchema = z.object({
  index: z.number().int().min(0),
  text: z.string(),
  heading: z.string().optional(),
  page: z.number().int().optional(),
});

/** The one JSON document the sandbox entry writes on its stdout. */
export const SandboxReply = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    chunks: z.array(ChunkSchema),
    pageCount: z.number().int().optional(),
    title: z.string().optional(),
    /** The sandbox process's peak resident memory. */
    peakRssBytes: z.number().min(0),
  }),
  z.object({ ok: z.literal(false), code: ErrorCode, message: z.string() }),
]);
export type SandboxReply = z.infer<typeof SandboxReply>;
