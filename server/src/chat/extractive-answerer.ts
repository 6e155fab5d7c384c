import type { Source } from "@supportal/shared";
import type { Embedder } from "../providers/embedder";
import { splitSentences } from "../rag/chunk-sentences";
import type { RankedChunk } from "../rag/search-chunks";
import { contentTerms } from "../rag/terms";
import { questionAndHeadingVectors } from "./answer-vectors";
import { type Answerer, dedupeSources, sourceOf } from "./answerer";
import { NOTICES } from "./chat-notices";
import { evidenceOf } from "./relevance";

/** One sentence (or list item, or command line) of a retrieved chunk. */
export interface Candidate {
  chunk: RankedChunk;
  /** Index of the chunk among the ones considered, best first. */
  chunkRank: number;
  paragraph: number;
  /** Position in the chunk, counting every sentence. */
  position: number;
  text: string;
  score: number;
}

// Headings of this many chunks compete for the answer; then one chunk's sentences are embedded,
// at ~15 ms each offline.
const MAX_CHUNKS = 5;
const MAX_SENTENCES = 24;
// A short answer reads like one; beyond this the customer is reading the manual.
const ANSWER_CHARS = 500;
// A sentence this short ("Yes.", "No.") is the start of the next one, not an answer on its own.
const FRAGMENT_CHARS = 12;
// Weights of the sentence score; see scoreCandidates.
const LEXICAL_WEIGHT = 0.45;
const LEAD_BONUS = 0.1;
const YES_NO_BONUS = 0.1;
const MAX_PASSAGE_SENTENCES = 6;
const COVERAGE_WEIGHT = 0.5;
const HEADING_WEIGHT = 0.3;

const YES_NO_QUESTION =
  /^(can|could|is|are|am|was|were|do|does|did|will|would|should|shall|may|must|has|have|had)\b/i;

/**
 * The offline answerer: no generative model ships offline, so it picks the passage of the retrieved
 * chunks that best answers the question (meaning and shared rare words, helped by how well the chunk
 * and its heading match), streams it word by word and cites the section it comes from.
 */
export function createExtractiveAnswerer(deps: { embedder: Embedder }): Answerer {
  return {
    answer(input) {
      let sources: Source[] = [];
      async function* pieces(): AsyncGenerator<string> {
        const chunks = input.chunks.slice(0, MAX_CHUNKS);
        const headings = chunks.map((chunk) => chunk.heading || chunk.documentName);
        const { question, headings: headingVectors } = await questionAndHeadingVectors(
          deps.embedder,
          input.question,
          chunks,
          headings,
        );
        if (input.signal.aborted) return;
        const headingSimilarity = headingVectors.map((vector) => dot(question, vector));
        const chunk = chunks[chooseChunk(input.question, chunks, headingSimilarity)]!;
        const candidates = candidatesOf([chunk]).slice(0, MAX_SENTENCES);
        if (candidates.length === 0) return;
        const vectors = await deps.embedder.embed(
          candidates.map((c) => c.text),
          { urgent: true },
        );
        if (input.signal.aborted) return;
        scoreCandidates(
          input.question,
          candidates,
          vectors.map((vector) => dot(question, vector)),
        );
        const passage = choosePassage(candidates);
        sources = dedupeSources(passage.map((c) => sourceOf(c.chunk, c.text)));
        // Offline nothing translates: a visitor asking in another language than the documents' is
        // told so before the quote.
        const { language, documentsLanguage } = input;
        const leadIn =
          language && documentsLanguage && language !== documentsLanguage
            ? `${NOTICES[language].quotingOtherLanguage(documentsLanguage)}\n\n`
            : "";
        for (const piece of (leadIn + formatAnswer(passage)).match(/\S+\s*/g) ?? []) {
          if (input.signal.aborted) return;
          yield piece;
        }
      }
      return { pieces: pieces(), sources: () => sources };
    },
  };
}

/** Sentences of each chunk in reading order; lines (list items, commands) are sentences too. */
export function candidatesOf(chunks: RankedChunk[]): Candidate[] {
  const candidates: Candidate[] = [];
  chunks.forEach((chunk, chunkRank) => {
    let position = 0;
    chunk.text.split(/\n\s*\n/).forEach((block, paragraph) => {
      const sentences = block.split(/\n/).flatMap((line) => splitSentences(line));
      let pending = "";
      for (const sentence of sentences) {
        const text = pending ? `${pending} ${sentence}` : sentence;
        if (text.length < FRAGMENT_CHARS && /[.!?:]$/.test(text)) {
          pending = text;
          continue;
        }
        pending = "";
        candidates.push({ chunk, chunkRank, paragraph, position: position++, text, score: 0 });
      }
      if (pending)
        candidates.push({ chunk, chunkRank, paragraph, position: position++, text: pending, score: 0 });
    });
  });
  return candidates;
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Term overlap weighted by rarity among the candidates, so "the" never decides but "conffiles" does. */
export function lexicalScores(question: string, sentences: string[]): number[] {
  const queryTerms = [...new Set(contentTerms(question))];
  const termSets = sentences.map((sentence) => new Set(contentTerms(sentence)));
  const documentFrequency = new Map<string, number>();
  for (const set of termSets)
    for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const weight = (term: string) =>
    Math.log(1 + sentences.length / (documentFrequency.get(term) ?? sentences.length));
  const best = queryTerms.reduce((sum, term) => sum + weight(term), 0) || 1;
  return termSets.map(
    (set) => queryTerms.filter((term) => set.has(term)).reduce((s, t) => s + weight(t), 0) / best,
  );
}

/**
 * Which chunk answers: the retrieval evidence (best window's similarity, share of the question's
 * terms) plus how well its heading matches the question; sections of a FAQ or manual are titled
 * with the question they answer.
 */
export function chooseChunk(question: string, chunks: RankedChunk[], headingSimilarity: number[]): number {
  const terms = contentTerms(question);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  chunks.forEach((chunk, i) => {
    const score =
      evidenceOf(terms, chunk, { coverageWeight: COVERAGE_WEIGHT }) +
      HEADING_WEIGHT * (headingSimilarity[i] ?? 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/**
 * A sentence's score within its chunk: its meaning's closeness to the question and the rare words
 * they share. The first sentence gets a bonus (sections tend to open with their answer), and so does
 * a plain "Yes"/"No" when the question asks for one.
 */
export function scoreCandidates(question: string, candidates: Candidate[], similarity: number[]): void {
  const lexical = lexicalScores(
    question,
    candidates.map((c) => c.text),
  );
  const yesNo = YES_NO_QUESTION.test(question.trim());
  candidates.forEach((candidate, i) => {
    candidate.score =
      similarity[i]! +
      LEXICAL_WEIGHT * lexical[i]! +
      (candidate.position === 0 ? LEAD_BONUS : 0) +
      (yesNo && /^(yes|no)\b/i.test(candidate.text) ? YES_NO_BONUS : 0);
  });
}

const ends = (text: string) => /[.!?]["'”’)]*$/.test(text);

/**
 * The chunk's opening through its best sentence, then what follows while the budget lasts:
 * sections and paragraphs state their point first, and the best sentence alone often leans on
 * what came before. When the best sentence sits too far in, the opening sentence and the best one.
 * A passage never ends on a sentence that introduces something (":", no stop): that line comes too.
 */
export function choosePassage(candidates: Candidate[]): Candidate[] {
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const at = candidates.indexOf(best);
  const size = (list: Candidate[]) => list.reduce((sum, c) => sum + c.text.length + 1, 0);
  let chosen: Candidate[];
  if (size(candidates.slice(0, at + 1)) <= ANSWER_CHARS) chosen = candidates.slice(0, at + 1);
  else if (size([candidates[0]!, best]) <= ANSWER_CHARS) chosen = [candidates[0]!, best];
  else chosen = [best];
  for (const next of candidates.slice(at + 1)) {
    const open = !ends(chosen[chosen.length - 1]!.text);
    if (chosen.length >= MAX_PASSAGE_SENTENCES) break;
    if (size(chosen) + next.text.length > (open ? ANSWER_CHARS * 1.5 : ANSWER_CHARS)) break;
    chosen.push(next);
  }
  return chosen;
}

/**
 * The passage, a paragraph break where the source has one. Where it comes from is the message's sources
 * (title, section, page), shown beside it once, not repeated inside the answer.
 */
export function formatAnswer(passage: Candidate[]): string {
  let body = "";
  passage.forEach((candidate, i) => {
    const previous = passage[i - 1];
    if (previous && candidate.position > previous.position + 1) body += "\n\n";
    else if (previous) body += previous.paragraph === candidate.paragraph && ends(previous.text) ? " " : "\n";
    body += candidate.text;
  });
  return body;
}
