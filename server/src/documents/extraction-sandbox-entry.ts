// The extraction sandbox's process: `bun --smol extraction-sandbox-entry.ts '<SandboxRequest JSON>'`
// with the file on stdin. It writes one SandboxReply on stdout and exits; the parent watches its
// memory and time and kills it past either budget, so a hostile file can only take this process down.
import { AppError } from "../errors";
import { type SandboxReply, SandboxRequest } from "./extraction-sandbox-protocol";
import { prepareDocument } from "./prepare-document";

// Stdout carries the reply alone: whatever a library prints goes to stderr.
console.log = console.error;
console.info = console.error;
console.warn = console.error;

async function run(): Promise<SandboxReply> {
  const request = SandboxRequest.parse(JSON.parse(process.argv[2] ?? ""));
  const bytes = new Uint8Array(await Bun.stdin.arrayBuffer());
  try {
    const prepared = await prepareDocument(bytes, request.type, request);
    // Node's convention, which Bun follows: maxRSS in kilobytes.
    return { ok: true, ...prepared, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    // A bug or a library's own failure on this file (a stack overflow on deep nesting, say): the same
    // file fails the same way again, so it is a reason to fail the document, not to retry it.
    console.error(
      `[supportal] extraction failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    return { ok: false, code: "invalid_file", message: "The document could not be processed." };
  }
}

await Bun.write(Bun.stdout, JSON.stringify(await run()));
process.exit(0);
