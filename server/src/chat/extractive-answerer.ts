import type { Source } from "@supportal/shared";
import type { Embedder } from "../providers/embedder";
import type { RankedChunk } from "../rag/search-chunks";
import { contentTerms } from "../rag/terms";
import { type Answerer, dedupeSources, sourceOf } from "./answerer";
import { splitSentences } from "./split-sentences";

interface Candidate {
  chunk: RankedChunk;
  chunkRank: number;
  position: number;
  text: string;
  score: number;
}

const MAX_CHUNKS = 3;
const MAX_SENTENCES = 36;
const ANSWER_CHARS = 520;

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Term overlap weighted by rarity among the candidates, so "the" never decides but "conffiles" does. */
function lexicalScores(question: string, sentences: string[]): number[] {
  const queryTerms = new Set(contentTerms(question));
  const termSets = sentences.map((sentence) => new Set(contentTerms(sentence)));
  const documentFrequency = new Map<string, number>();
  for (const set of termSets)
    for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const weight = (term: string) =>
    Math.log(1 + sentences.length / (documentFrequency.get(term) ?? sentences.length));
  const best = [...queryTerms].reduce((sum, term) => sum + weight(term), 0) || 1;
  return termSets.map(
    (set) => [...queryTerms].filter((term) => set.has(term)).reduce((s, t) => s + weight(t), 0) / best,
  );
}

/**
 * The offline answerer: no generative model ships offline, so it picks the sentences of the top
 * chunks that best answer the question (meaning and shared rare words), keeps them in reading order
 * with the sentence that follows, and says where they come from.
 */
export function createExtractiveAnswerer(deps: { embedder: Embedder }): Answerer {
  return {
    answer(input) {
      let sources: Source[] = [];
      async function* pieces(): AsyncGenerator<string> {
        const candidates: Candidate[] = [];
        input.chunks.slice(0, MAX_CHUNKS).forEach((chunk, chunkRank) => {
          splitSentences(chunk.text).forEach((text, position) => {
            if (text.length >= 12) candidates.push({ chunk, chunkRank, position, text, score: 0 });
          });
        });
        const considered = candidates.slice(0, MAX_SENTENCES);
        if (considered.length === 0) return;
        const vectors = await deps.embedder.embed([input.question, ...considered.map((c) => c.text)]);
        const lexical = lexicalScores(
          input.question,
          considered.map((c) => c.text),
        );
        considered.forEach((candidate, i) => {
          candidate.score =
            dot(vectors[0]!, vectors[i + 1]!) + 0.45 * lexical[i]! - 0.06 * candidate.chunkRank;
        });
        const chosen = choosePassage(considered);
        sources = dedupeSources(chosen.map((c) => sourceOf(c.chunk, c.text)));
        const lead = leadFor(chosen[0]!.chunk);
        const body = chosen.map((c) => c.text).join(" ");
        for (const piece of `${lead}${body}`.match(/\S+\s*/g) ?? []) {
          if (input.signal.aborted) return;
          yield piece;
        }
      }
      return { pieces: pieces(), sources: () => sources };
    },
  };
}

/** The best sentence, then what follows it in the same chunk, then the runner-up, within a budget. */
function choosePassage(candidates: Candidate[]): Candidate[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  const chosen = [best];
  let length = best.text.length;
  const following = candidates.filter((c) => c.chunk === best.chunk && c.position > best.position);
  for (const next of following.slice(0, 2)) {
    if (length + next.text.length > ANSWER_CHARS) break;
    chosen.push(next);
    length += next.text.length;
  }
  const runnerUp = ranked.find((c) => !chosen.includes(c) && c.score >= best.score * 0.9);
  if (runnerUp && length + runnerUp.text.length <= ANSWER_CHARS) chosen.push(runnerUp);
  return chosen.sort((a, b) => a.chunkRank - b.chunkRank || a.position - b.position);
}

function leadFor(chunk: RankedChunk): string {
  const where = chunk.heading ? ` (“${chunk.heading.slice(0, 80)}”)` : "";
  return `Here is what ${chunk.documentName}${where} says:\n\n`;
}
