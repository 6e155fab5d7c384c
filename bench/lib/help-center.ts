// A help center in the layout of ../shared/corpus/zulip-help and bench/corpora/*: corpus/ (the
// files a business uploads) and questions.json (customers' questions with gold passages), the
// format ../shared/conformance/kb.ts reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { CORPUS_DIR } from "./corpus";

export interface Gold {
  /** The file (in corpus/) that answers the question. */
  doc: string;
  /** Short exact phrases of the answering passage; any one of them counts. */
  phrases: string[];
}
export interface GoldQuestion {
  id: string;
  question: string;
  gold: Gold;
}
export interface OtherLanguageQuestion extends GoldQuestion {
  language?: string;
}
export interface OutOfScopeQuestion {
  id: string;
  question: string;
  /** Patterns that match nothing in the extracted text: the documents do not answer it. */
  absent: string[];
}
export interface HelpCenterQuestions {
  business?: string;
  inScope: GoldQuestion[];
  outOfScope: OutOfScopeQuestion[];
  otherLanguage: OtherLanguageQuestion[];
  handoff: { id: string; question: string }[];
}
export interface HelpCenter {
  name: string;
  /** The files to upload: the name a customer's documents have, and where it is on disk. */
  files: { name: string; path: string }[];
  questions: HelpCenterQuestions;
}

/** The bench's own corpora, written for it (see bench/corpora/README.md). */
export const BENCH_CORPORA_DIR = join(import.meta.dir, "..", "corpora");
export const UPLOAD_EXTENSIONS = [".pdf", ".docx", ".md", ".txt"];

function fail(dir: string, what: string): never {
  throw new Error(`${join(dir, "questions.json")}: ${what}`);
}

function record(dir: string, value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(dir, `${where} is not an object`);
  return value as Record<string, unknown>;
}

function text(dir: string, value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) fail(dir, `${where} is not a non-empty string`);
  return value;
}

function list<T>(dir: string, value: unknown, where: string, item: (entry: unknown, at: string) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(dir, `${where} is not an array`);
  return value.map((entry, i) => item(entry, `${where}[${i}]`));
}

function gold(dir: string, value: unknown, where: string): Gold {
  const g = record(dir, value, where);
  const phrases = list(dir, g.phrases, `${where}.phrases`, (p, at) => text(dir, p, at));
  if (!phrases.length) fail(dir, `${where}.phrases is empty`);
  return { doc: text(dir, g.doc, `${where}.doc`), phrases };
}

/** Reads and checks questions.json of a help-center folder. */
export function helpCenterQuestions(dir: string): HelpCenterQuestions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, "questions.json"), "utf8"));
  } catch (error) {
    fail(dir, error instanceof Error ? error.message : String(error));
  }
  const raw = record(dir, parsed, "the file");
  const base = (entry: unknown, at: string) => {
    const q = record(dir, entry, at);
    return { q, id: text(dir, q.id, `${at}.id`), question: text(dir, q.question, `${at}.question`) };
  };
  const result: HelpCenterQuestions = {
    inScope: list(dir, raw.inScope, "inScope", (entry, at) => {
      const { q, id, question } = base(entry, at);
      return { id, question, gold: gold(dir, q.gold, `${at}.gold`) };
    }),
    outOfScope: list(dir, raw.outOfScope, "outOfScope", (entry, at) => {
      const { q, id, question } = base(entry, at);
      return { id, question, absent: list(dir, q.absent, `${at}.absent`, (p, a) => text(dir, p, a)) };
    }),
    otherLanguage: list(dir, raw.otherLanguage, "otherLanguage", (entry, at) => {
      const { q, id, question } = base(entry, at);
      const item: OtherLanguageQuestion = { id, question, gold: gold(dir, q.gold, `${at}.gold`) };
      if (typeof q.language === "string") item.language = q.language;
      return item;
    }),
    handoff: list(dir, raw.handoff, "handoff", (entry, at) => {
      const { id, question } = base(entry, at);
      return { id, question };
    }),
  };
  if (typeof raw.business === "string") result.business = raw.business;
  return result;
}

export function loadHelpCenter(dir: string, name = basename(dir)): HelpCenter {
  const files = readdirSync(join(dir, "corpus"))
    .filter((file) => UPLOAD_EXTENSIONS.includes(extname(file)))
    .sort()
    .map((file) => ({ name: file, path: join(dir, "corpus", file) }));
  return { name, files, questions: helpCenterQuestions(dir) };
}

/**
 * Every help center the bench knows: zulip-help from ../shared/corpus when it is there, then each
 * folder of bench/corpora with a questions.json. `only` (names, comma-separated in KB_CORPORA)
 * keeps those.
 */
export function helpCenters(only: string[] = []): HelpCenter[] {
  const dirs: [string, string][] = [];
  const zulip = join(CORPUS_DIR, "zulip-help");
  if (existsSync(join(zulip, "questions.json"))) dirs.push(["zulip-help", zulip]);
  for (const name of readdirSync(BENCH_CORPORA_DIR).sort()) {
    const dir = join(BENCH_CORPORA_DIR, name);
    if (existsSync(join(dir, "questions.json"))) dirs.push([name, dir]);
  }
  return dirs
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([name, dir]) => loadHelpCenter(dir, name));
}
