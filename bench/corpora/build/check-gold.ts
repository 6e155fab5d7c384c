// Maintenance check for bench/corpora/<name>/questions.json (and any folder in the same layout, such
// as ../shared/corpus/zulip-help): runs the checkout's own extraction and chunking over its corpus/
// and checks that every gold phrase occurs in a chunk's text (not only its heading) of its gold
// document, that every file answers some question, and that no out-of-scope "absent" pattern occurs
// anywhere. Not part of the evaluation itself.
//   bun bench/corpora/build/check-gold.ts [name or folder ...]     (default: every bench corpus)
//   bun bench/corpora/build/check-gold.ts --chunks <folder> <file> (print a file's chunks)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { detectDocumentType } from "../../../server/src/documents/detect-type";
import { extractDocument } from "../../../server/src/documents/extract-document";
import { chunkDocument } from "../../../server/src/rag/chunk-document";
import { helpCenterQuestions } from "../../lib/help-center";

const CORPORA = join(import.meta.dir, "..");
const CHUNKING = { size: 1000, overlap: 200 };
const fold = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

function folder(arg: string): string {
  const named = join(CORPORA, arg);
  return existsSync(join(named, "corpus")) ? named : resolve(arg);
}

async function chunksOf(dir: string): Promise<Map<string, { heading?: string; text: string }[]>> {
  const chunks = new Map<string, { heading?: string; text: string }[]>();
  for (const name of readdirSync(join(dir, "corpus")).sort()) {
    const bytes = new Uint8Array(readFileSync(join(dir, "corpus", name)));
    const doc = await extractDocument(bytes, detectDocumentType(bytes, name));
    chunks.set(name, chunkDocument(doc, CHUNKING));
  }
  return chunks;
}

async function check(dir: string): Promise<number> {
  const questions = helpCenterQuestions(dir);
  const chunks = await chunksOf(dir);
  let problems = 0;
  const problem = (line: string) => {
    console.log(line);
    problems++;
  };
  const answered = new Set<string>();
  for (const q of [...questions.inScope, ...questions.otherLanguage]) {
    const texts = chunks.get(q.gold.doc)?.map((chunk) => fold(chunk.text));
    if (!texts) {
      problem(`NO DOCUMENT ${q.id}: ${q.gold.doc}`);
      continue;
    }
    answered.add(q.gold.doc);
    for (const phrase of q.gold.phrases) {
      if (!texts.some((text) => text.includes(fold(phrase))))
        problem(`MISSING ${q.id}: "${phrase}" not in ${q.gold.doc}`);
      const elsewhere = [...chunks]
        .filter(
          ([name, list]) =>
            name !== q.gold.doc && list.some((chunk) => fold(chunk.text).includes(fold(phrase))),
        )
        .map(([name]) => name);
      if (elsewhere.length) console.log(`note ${q.id}: "${phrase}" also in ${elsewhere.join(", ")}`);
    }
  }
  for (const name of chunks.keys())
    if (!answered.has(name)) problem(`UNUSED ${name}: no question answered by it`);
  const all = [...chunks.values()]
    .flat()
    .map((chunk) => `${chunk.heading ?? ""}\n${chunk.text}`)
    .join("\n");
  for (const q of questions.outOfScope)
    for (const pattern of q.absent) {
      const match = new RegExp(pattern, "i").exec(all);
      if (match)
        problem(
          `PRESENT ${q.id}: /${pattern}/ matches "${all.slice(Math.max(0, match.index - 60), match.index + 60).replace(/\s+/g, " ")}"`,
        );
    }
  const ids = [
    ...questions.inScope,
    ...questions.outOfScope,
    ...questions.otherLanguage,
    ...questions.handoff,
  ].map((q) => q.id);
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problem(`DUPLICATE id ${id}`);
  console.log(
    `${dir}: ${questions.inScope.length} in-scope, ${questions.outOfScope.length} out-of-scope, ` +
      `${questions.otherLanguage.length} other-language, ${questions.handoff.length} handoff, ` +
      `${[...chunks.values()].flat().length} chunks in ${chunks.size} files: ${problems} problems`,
  );
  return problems;
}

const args = process.argv.slice(2);
if (args[0] === "--chunks") {
  const chunks = await chunksOf(folder(args[1] ?? "."));
  for (const [i, chunk] of (chunks.get(args[2] ?? "") ?? []).entries())
    console.log(`--- ${i} [${chunk.heading ?? ""}]\n${chunk.text}`);
} else {
  const names = args.length
    ? args
    : readdirSync(CORPORA).filter((name) => existsSync(join(CORPORA, name, "questions.json")));
  let problems = 0;
  for (const name of names) problems += await check(folder(name));
  process.exit(problems ? 1 : 0);
}
