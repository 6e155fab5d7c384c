import type { Source } from "@supportal/shared";
import type { Embedder } from "../providers/embedder";
import { splitSentences } from "../rag/chunk-sentences";
import type { RankedChunk } from "../rag/search-chunks";
import { NO_TERM_STATS, type TermStats } from "../rag/term-stats";
import { weightedCoverage } from "../rag/term-weights";
import { contentTerms } from "../rag/terms";
import { questionAndHeadingVectors } from "./answer-vectors";
import { type Answerer, dedupeSources, sourceOf } from "./answerer";
import { NOTICES } from "./chat-notices";
import { evidenceOf, readQuestion } from "./relevance";
import { embeddedSentenceVectors, type SentenceVectors } from "./sentence-vectors";

/** One sentence (or list item, or command line) of a retrieved chunk. */
export interface Candidate {
  chunk: RankedChunk;
  /** Index of the chunk among the ones considered, best first. */
  chunkRank: number;
  paragraph: number;
  /** Position in the chunk, counting every sentence. */
  position: number;
  /** Whether it begins a line of the source (a list item, a table row, a command). */
  lineStart: boolean;
  text: string;
  score: number;
}

// This many chunks compete for the answer, by their headings and their stored sentences' vectors
// (reading ~35 of them for five chunks took 0.4 ms median, 0.9 ms p90 on zulip-help); a sentence not
// stored yet is embedded only for the chunks quoted, at ~15 ms each offline.
export const MAX_CHUNKS = 5;
export const MAX_SENTENCES = 24;
// A short answer reads like one; beyond this the customer is reading the manual.
const ANSWER_CHARS = 500;
// A sentence this short ("Yes.", "No.") is the start of the next one, not an answer on its own.
const FRAGMENT_CHARS = 12;
// Weights of the sentence score; see scoreCandidates.
const LEXICAL_WEIGHT = 0.45;
// The opening sentence's bonus: sections tend to open with their answer, but the opening is quoted
// anyway whenever the best sentence is near it, so the bonus only decides when the best is far in.
// Measured on the five tuning corpora (with OUTVOTING_MARGIN and MAX_PASSAGE_SENTENCES as below),
// correct debian-faq / zulip-help / appliance-manual / saas-help / shop-policies: 0.1 (before)
// 23/39/44/67/43; 0 to 0.08 23/40/44/67/43 (zulip-help: a line past the opening that answers on its
// own merit); 0.15 23/39/44/67/44 (zulip-help 0.05's gain lost, shop-policies +1).
const LEAD_BONUS = 0.05;
const YES_NO_BONUS = 0.1;
// A question asking for an amount (how much, how long, how often, when) is answered by a line that
// states one: with this bonus a sentence holding a number outranks a near tie without one. Measured
// on the five tuning corpora (debian-faq, zulip-help, appliance-manual, saas-help, shop-policies):
// any value from 0.05 to 0.3 gives correct 21/35/37/61/39 against 21/35/36/61/39 without it.
const AMOUNT_BONUS = 0.1;
// At most this many sentences (or lines) in a passage, within ANSWER_CHARS. Measured on the five
// tuning corpora as above: 6 (before) 23/40/43/67/43; 7 and 8 23/40/44/67/43 (appliance-manual: a
// table of short rows used up the count, not the characters, before the line that answers); 5
// appliance-manual 42.
const MAX_PASSAGE_SENTENCES = 7;
const COVERAGE_WEIGHT = 0.5;
// Without sentence vectors for every chunk (not stored yet): the retrieval evidence plus this much of
// the heading's similarity to the question.
const HEADING_WEIGHT = 0.3;
// With them: the evidence plus these shares of the heading's and of the best sentence's similarity.
// The answer is a sentence, and a section under a vague heading can hold the line that answers
// while a section titled like the question only talks around it.
// Measured on the five tuning corpora (bench/relevance-study.ts, correct debian-faq / zulip-help /
// appliance-manual / saas-help / shop-policies): 0.3 x heading alone 21/35/37/61/39 (193); 0.2 and
// 0.7 22/36/39/62/39 (198); the plateau 0.15-0.25 x 0.6-0.8 gives 197-198 with no corpus lower; the
// best sentence alone (0.3-0.5, no heading) 197-198 but shop 38 (a sentence that lists the words
// of the question in passing beat the section that answers it); 1.0 for the sentence 191-193.
// With RARE_COVERAGE_WEIGHT (below) the heading's share went from 0.2 to 0.25.
const SENTENCE_HEADING_WEIGHT = 0.25;
const BEST_SENTENCE_WEIGHT = 0.7;
// With the business's term counts: plus this much of the share of the question's term weight that the
// chunk (heading and text) holds, each term weighed by its rarity in the business (weighQuestion), on
// top of the plain share in the evidence. The chunks handed over share the question's common words
// ("message", "invoice"), and a near tie is then settled by the one that holds its rare ones. Measured
// on the five tuning corpora (bench/relevance-study.ts, correct debian-faq / zulip-help /
// appliance-manual / saas-help / shop-policies; the choice of chunk studied with
// bench/answer-choice-features.ts): before (none, the heading at 0.2) 23/40/44/67/43 (217); 0.1 with
// the heading at 0.25 or 0.3 23/41/45/69/43 (221), the four gains each a near tie for the second
// opinion now won by the chunk that answers; 0.15 there 220 (saas-help 68); 0.05 218-220; 0.1 with the
// heading at 0.2 219 (zulip-help 39); 0.2-0.3 lose shop-policies one but at 0.2 with the heading at
// 0.3. In place of the plain share (0.3-0.7, none of it): 207-218, zulip-help 36-39. Held-out
// router-manual 24/36 on the plateau (0.1-0.15, the heading 0.25-0.3), 23 from 0.2 at 0.25.
const RARE_COVERAGE_WEIGHT = 0.1;
// The runner-up chunk is quoted too when it scores this close to the best (see chooseChunks), in
// at most this many sentences and characters: it is the second opinion, not a second answer.
const SECOND_CHUNK_MARGIN = 0.2;
const SECOND_SENTENCES = 12;
const SECOND_ANSWER_CHARS = 300;
// A chunk not chosen whose best sentence beats every chosen chunk's best by this much is quoted, in
// that sentence, as the second opinion instead of the runner-up (see outvotingChunk). Measured on the
// five tuning corpora (bench/relevance-study.ts, correct debian-faq / zulip-help / appliance-manual /
// saas-help / shop-policies, with the lead bonus 0.1 and 6 passage sentences of before): without it
// 22/39/39/66/43 (209); 0.04 and 0.045 23/39/43/67/43 (215); 0.035 and 0.03 lose debian-faq and
// shop-policies one each against 0.04, 0.05 saas-help one, 0.06 and 0.08 appliance-manual one and
// two. The whole chunk's passage in its place instead of the one sentence: the same figures at 0.04,
// with three times the reading.
const OUTVOTING_MARGIN = 0.04;

const AMOUNT_QUESTION = /\bhow (much|many|long|often|far|big|large|old|fast|soon|high|low|heavy)\b|^when\b/i;
const YES_NO_QUESTION =
  /^(can|could|is|are|am|was|were|do|does|did|will|would|should|shall|may|must|has|have|had)\b/i;

/**
 * The offline answerer: no generative model ships offline, so it picks the passage of the retrieved
 * chunks that best answers the question (meaning and shared rare words, helped by how well the chunk
 * and its heading match), streams it word by word and cites the section it comes from.
 */
export function createExtractiveAnswerer(deps: {
  embedder: Embedder;
  /** Where the candidates' vectors come from; by default every one is embedded at question time. */
  sentenceVectors?: SentenceVectors;
}): Answerer {
  const sentenceVectors = deps.sentenceVectors ?? embeddedSentenceVectors(deps.embedder);
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
        const perChunk = chunks.map((chunk) => candidatesOf([chunk]).slice(0, MAX_SENTENCES));
        const sentenceOf = (c: Candidate) => ({ documentId: c.chunk.documentId, text: c.text });
        const stored = await sentenceVectors.stored(perChunk.flat().map(sentenceOf));
        if (input.signal.aborted) return;
        const storedOf = new Map(perChunk.flat().map((c, i) => [c, stored[i]]));
        const bestSentence = bestSentenceSimilarity(perChunk, storedOf, question);
        const chosen = chooseChunks(input.question, chunks, headingSimilarity, bestSentence, input.termStats);
        const first = chosen[0];
        if (first === undefined) return;
        // A chunk whose best sentence outdoes every chosen one's is the second opinion instead of the
        // runner-up, in that one sentence (all its sentences are stored: bestSentence is known).
        const outvoting = outvotingChunk(chosen, bestSentence);
        const second = outvoting ?? chosen[1];
        const candidates = perChunk[first]!;
        const seconds =
          second === undefined
            ? []
            : outvoting === undefined
              ? perChunk[second]!.slice(0, SECOND_SENTENCES)
              : perChunk[second]!;
        if (candidates.length === 0) return;
        // What is not stored yet is embedded now, in one call for both chunks' sentences: the model
        // pads a batch anyway.
        const quotable = [...candidates, ...seconds];
        const missing = quotable.filter((c) => !storedOf.get(c));
        const embedded = missing.length > 0 ? await sentenceVectors(missing.map(sentenceOf)) : [];
        if (input.signal.aborted) return;
        let next = 0;
        const similarity = quotable.map((c) => dot(question, storedOf.get(c) ?? embedded[next++]!));
        scoreCandidates(input.question, candidates, similarity.slice(0, candidates.length));
        const passage = choosePassage(candidates);
        const language = input.language ?? "en";
        let body = formatAnswer(passage);
        const quoted = [...passage];
        if (seconds.length > 0) {
          scoreCandidates(input.question, seconds, similarity.slice(candidates.length));
          const also =
            outvoting === undefined
              ? choosePassage(seconds, SECOND_ANSWER_CHARS)
              : [closest(seconds, similarity.slice(candidates.length))];
          const place = chunks[second!]!.heading || chunks[second!]!.documentName;
          body += `\n\n${NOTICES[language].alsoIn(place)}\n${formatAnswer(also)}`;
          quoted.push(...also);
        }
        sources = dedupeSources(quoted.map((c) => sourceOf(c.chunk, c.text)));
        // Offline nothing translates: a visitor asking in another language than the documents' is
        // told so before the quote.
        const { documentsLanguage } = input;
        const leadIn =
          input.language && documentsLanguage && input.language !== documentsLanguage
            ? `${NOTICES[input.language].quotingOtherLanguage(documentsLanguage)}\n\n`
            : "";
        for (const piece of (leadIn + body).match(/\S+\s*/g) ?? []) {
          if (input.signal.aborted) return;
          yield piece;
        }
      }
      return { pieces: pieces(), sources: () => sources };
    },
  };
}

/**
 * The sentences the answerer may embed of a chunk with this text, whether it answers first or second
 * (the second's are the first's first few): what `createSentenceVectorFiller` stores ahead of questions.
 */
export function sentencesToEmbed(text: string): string[] {
  const chunk = {
    documentId: 0,
    documentName: "",
    chunkIndex: 0,
    heading: "",
    page: 0,
    text,
    score: 0,
    similarity: 0,
    textScore: 0,
  };
  return candidatesOf([chunk])
    .slice(0, Math.max(MAX_SENTENCES, SECOND_SENTENCES))
    .map((c) => c.text);
}

// A table row as extraction writes it ("cell | cell | cell"): quoted whole, never split at its stops.
const TABLE_ROW = / \| /;

/** Sentences of each chunk in reading order; lines (list items, commands, table rows) are sentences too. */
export function candidatesOf(chunks: RankedChunk[]): Candidate[] {
  const candidates: Candidate[] = [];
  chunks.forEach((chunk, chunkRank) => {
    let position = 0;
    chunk.text.split(/\n\s*\n/).forEach((block, paragraph) => {
      for (const line of block.split(/\n/)) {
        const sentences = TABLE_ROW.test(line) ? [line.trim()] : splitSentences(line);
        let pending = "";
        let lineStart = true;
        const push = (text: string) => {
          candidates.push({ chunk, chunkRank, paragraph, position: position++, lineStart, text, score: 0 });
          lineStart = false;
        };
        for (const sentence of sentences) {
          const text = pending ? `${pending} ${sentence}` : sentence;
          if (text.length < FRAGMENT_CHARS && /[.!?:]$/.test(text)) {
            pending = text;
            continue;
          }
          pending = "";
          push(text);
        }
        if (pending) push(pending);
      }
    });
  });
  return candidates;
}

/** The dot product: the cosine of two unit vectors, as every embedder here returns them. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
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
 * Each chunk's closest sentence to the question, from stored vectors; null unless every sentence of
 * every chunk is stored (right after an upload, before the filler ran), so that chunks are never
 * compared on different grounds.
 */
export function bestSentenceSimilarity(
  perChunk: Candidate[][],
  stored: Map<Candidate, ArrayLike<number> | undefined>,
  question: ArrayLike<number>,
): number[] | null {
  if (perChunk.some((candidates) => candidates.some((c) => !stored.get(c)))) return null;
  return perChunk.map((candidates) =>
    candidates.reduce((best, c) => Math.max(best, dot(question, stored.get(c)!)), -1),
  );
}

/**
 * The chunk, among those not chosen, whose best sentence is closer to the question than every chosen
 * chunk's best by `OUTVOTING_MARGIN`, when there is one (the closest such): the chunks are chosen
 * on their whole evidence, but the answer is one line, and a line that clearly beats everything
 * the chosen chunks hold (a table row, a safety note deep in a long section) deserves a hearing.
 */
export function outvotingChunk(chosen: number[], bestSentence: number[] | null): number | undefined {
  if (!bestSentence || chosen.length === 0) return undefined;
  const beaten = Math.max(...chosen.map((i) => bestSentence[i] ?? -1)) + OUTVOTING_MARGIN;
  let winner: number | undefined;
  bestSentence.forEach((similarity, i) => {
    if (chosen.includes(i) || similarity < beaten) return;
    if (winner === undefined || similarity > bestSentence[winner]!) winner = i;
  });
  return winner;
}

/** The candidate closest to the question. */
function closest(candidates: Candidate[], similarity: number[]): Candidate {
  let at = 0;
  similarity.forEach((value, i) => {
    if (value > similarity[at]!) at = i;
  });
  return candidates[at]!;
}

/**
 * Which chunks answer, best first: the retrieval evidence (best window's similarity, share of the
 * question's terms) plus how well its heading matches the question (sections of a FAQ or manual are
 * titled with the question they answer) and, when known, how well its best sentence does (the
 * answer quoted is a sentence, not a window) and how much of the question's rare words it holds, by
 * the business's term counts (`stats`). The runner-up comes too when it scores within
 * `SECOND_CHUNK_MARGIN` of the best: then the evidence does not single out one passage, and the
 * customer is better served by both than by a coin toss between them.
 */
export function chooseChunks(
  question: string,
  chunks: RankedChunk[],
  headingSimilarity: number[],
  bestSentence: number[] | null = null,
  stats: TermStats = NO_TERM_STATS,
): number[] {
  const read = readQuestion(question, stats);
  const scores = chunks.map(
    (chunk, i) =>
      evidenceOf(read, chunk, { coverageWeight: COVERAGE_WEIGHT, weighTerms: false, foreignTermPenalty: 0 }) +
      (bestSentence
        ? SENTENCE_HEADING_WEIGHT * (headingSimilarity[i] ?? 0) +
          BEST_SENTENCE_WEIGHT * (bestSentence[i] ?? 0) +
          RARE_COVERAGE_WEIGHT * weightedCoverage(read.weighted, chunk.heading, chunk.text)
        : HEADING_WEIGHT * (headingSimilarity[i] ?? 0)),
  );
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const [best, next] = order;
  if (best === undefined) return [];
  return next !== undefined && scores[next]! >= scores[best]! - SECOND_CHUNK_MARGIN ? [best, next] : [best];
}

/**
 * A sentence's score within its chunk: its meaning's closeness to the question and the rare words
 * they share. The first sentence gets a bonus (sections tend to open with their answer), and so does
 * a plain "Yes"/"No" when the question asks for one, and a line with a number when it asks how much.
 */
export function scoreCandidates(question: string, candidates: Candidate[], similarity: number[]): void {
  const lexical = lexicalScores(
    question,
    candidates.map((c) => c.text),
  );
  const yesNo = YES_NO_QUESTION.test(question.trim());
  const amount = AMOUNT_QUESTION.test(question.trim());
  candidates.forEach((candidate, i) => {
    candidate.score =
      similarity[i]! +
      (amount && /\d/.test(candidate.text) ? AMOUNT_BONUS : 0) +
      LEXICAL_WEIGHT * lexical[i]! +
      (candidate.position === 0 ? LEAD_BONUS : 0) +
      (yesNo && /^(yes|no)\b/i.test(candidate.text) ? YES_NO_BONUS : 0);
  });
}

const ends = (text: string) => /[.!?]["'”’)]*$/.test(text);

/**
 * The chunk's opening through its best sentence, then what follows while the budget lasts:
 * sections and paragraphs state their point first, and the best sentence alone often leans on
 * what came before. When the best sentence sits too far in, the opening sentence, the one just
 * before the best (the label or the statement it continues: "Using it:", "The default is ...") and
 * the best one; without room for that one, the opening and the best. (That line: relevance-study
 * correct 198 -> 202 on the five tuning corpora, zulip-help +2, saas-help +1, shop-policies +1.)
 * A passage never ends on a sentence that introduces something (":", no stop): that line comes too.
 */
export function choosePassage(candidates: Candidate[], budget = ANSWER_CHARS): Candidate[] {
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  const at = candidates.indexOf(best);
  const size = (list: Candidate[]) => list.reduce((sum, c) => sum + c.text.length + 1, 0);
  const opening = candidates[0]!;
  const before = candidates[at - 1];
  let chosen: Candidate[];
  if (size(candidates.slice(0, at + 1)) <= budget) chosen = candidates.slice(0, at + 1);
  else if (before && before !== opening && size([opening, before, best]) <= budget)
    chosen = [opening, before, best];
  else if (size([opening, best]) <= budget) chosen = [opening, best];
  else chosen = [best];
  for (const next of candidates.slice(at + 1)) {
    const open = !ends(chosen[chosen.length - 1]!.text);
    if (chosen.length >= MAX_PASSAGE_SENTENCES) break;
    if (size(chosen) + next.text.length > (open ? budget * 1.5 : budget)) break;
    chosen.push(next);
  }
  // A table's rows read only under their header: the chunk's first line, when it is a row too.
  const header = candidates[0]!;
  if (chosen[0] !== header && TABLE_ROW.test(header.text) && chosen.some((c) => TABLE_ROW.test(c.text)))
    chosen.unshift(header);
  return chosen;
}

/**
 * The passage, a paragraph break where the source has one and a line break where it starts a line
 * (list steps stay steps, rows stay rows). Where it comes from is the message's sources
 * (title, section, page), shown beside it once, not repeated inside the answer.
 */
export function formatAnswer(passage: Candidate[]): string {
  let body = "";
  passage.forEach((candidate, i) => {
    const previous = passage[i - 1];
    if (previous && candidate.position > previous.position + 1) body += "\n\n";
    else if (previous)
      body +=
        !candidate.lineStart && previous.paragraph === candidate.paragraph && ends(previous.text)
          ? " "
          : "\n";
    body += candidate.text;
  });
  return body;
}
