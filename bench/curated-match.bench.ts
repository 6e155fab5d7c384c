// Curated answers: calibration of the match threshold (CURATED_MATCH in server/src/curated/).
// Per corpus, a set of curated questions; their paraphrases must match them (and not another
// curated one), and every other question of the corpus (in scope on other topics, out of scope)
// must match none. Printed per corpus: match rate on paraphrases and false-match rate on the
// others, at the server's threshold and over a sweep, for the offline sentence encoder.
import { curatedMatchFor } from "../server/src/curated/curated-threshold";
import {
  type QuestionProfile,
  questionProfile,
  questionSimilarity,
} from "../server/src/curated/question-similarity";
import { createOfflineEmbedder } from "../server/src/providers/offline-embedder";
import { EXTRA_IN_SCOPE, OUT_OF_SCOPE } from "./chat-questions";
import { DEBIAN_FAQ_PAIRS, HELP_CENTER_PARAPHRASES, type ParaphrasePair } from "./curated-paraphrases";
import { corpusFile } from "./lib/corpus";
import { helpCenters } from "./lib/help-center";
import { HELD_OUT } from "./retrieval-questions";

interface CorpusCase {
  name: string;
  pairs: ParaphrasePair[];
  /** Questions that ask something else than every curated one. */
  others: string[];
}

function cases(): CorpusCase[] {
  const list: CorpusCase[] = [];
  if (corpusFile("faq-examples.json")) {
    list.push({
      name: "debian-faq",
      pairs: DEBIAN_FAQ_PAIRS,
      others: [...HELD_OUT.map((q) => q.question), ...EXTRA_IN_SCOPE.map((q) => q.question), ...OUT_OF_SCOPE],
    });
  }
  for (const center of helpCenters()) {
    const paraphrases = HELP_CENTER_PARAPHRASES[center.name];
    if (!paraphrases) continue;
    const byId = new Map(center.questions.inScope.map((q) => [q.id, q]));
    const pairs = Object.entries(paraphrases).map(([id, paraphrase]) => {
      const question = byId.get(id);
      if (!question) throw new Error(`${center.name}: no in-scope question ${id}`);
      return { id, curated: question.question, paraphrase };
    });
    const curatedGold = pairs.map((pair) => byId.get(pair.id!)!.gold);
    // A question answered by the same passage as a curated one asks the same thing: not an "other".
    const samePassage = (q: (typeof center.questions.inScope)[number]) =>
      curatedGold.some(
        (gold) => gold.doc === q.gold.doc && gold.phrases.some((p) => q.gold.phrases.includes(p)),
      );
    list.push({
      name: center.name,
      pairs,
      others: [
        ...center.questions.inScope
          .filter((q) => !paraphrases[q.id] && !samePassage(q))
          .map((q) => q.question),
        ...center.questions.outOfScope.map((q) => q.question),
      ],
    });
  }
  return list;
}

interface Scored {
  /** Paraphrases: best score and whether the best curated entry is its own. */
  paraphrases: { score: number; own: boolean }[];
  others: { score: number; text: string }[];
}

function score(profiles: Map<string, QuestionProfile>, c: CorpusCase, weight: number): Scored {
  const curated = c.pairs.map((pair) => profiles.get(pair.curated)!);
  const best = (text: string) => {
    const query = profiles.get(text)!;
    let top = { score: Number.NEGATIVE_INFINITY, index: -1 };
    curated.forEach((entry, index) => {
      const s = questionSimilarity(query, entry, weight);
      if (s > top.score) top = { score: s, index };
    });
    return top;
  };
  return {
    paraphrases: c.pairs.map((pair, index) => {
      const top = best(pair.paraphrase);
      return { score: top.score, own: top.index === index };
    }),
    others: c.others.map((text) => {
      const top = best(text);
      return { score: top.score, text: `"${text}" ~ "${c.pairs[top.index]!.curated}"` };
    }),
  };
}

const rate = (hits: number, n: number) => (n ? `${((100 * hits) / n).toFixed(0)} % (${hits}/${n})` : "–");

function at(scored: Scored, threshold: number) {
  const matched = scored.paraphrases.filter((p) => p.own && p.score >= threshold).length;
  const wrong = scored.paraphrases.filter((p) => !p.own && p.score >= threshold).length;
  const falseMatches = scored.others.filter((o) => o.score >= threshold).length;
  return { matched, wrong, falseMatches };
}

export default async function curatedMatchBench(): Promise<string> {
  const list = cases();
  if (list.length === 0) return "## Curated answers: match threshold\n\nSkipped: no corpus found.";
  const embedder = createOfflineEmbedder({ workers: 1 });
  const texts = [
    ...new Set(list.flatMap((c) => [...c.pairs.flatMap((p) => [p.curated, p.paraphrase]), ...c.others])),
  ];
  const profiles = new Map<string, QuestionProfile>();
  try {
    const vectors = await embedder.embed(texts, { priority: "bulk" });
    for (const [i, text] of texts.entries()) profiles.set(text, questionProfile(text, vectors[i]!));
  } finally {
    await embedder.close?.();
  }
  const chosen = curatedMatchFor(embedder.id);
  const lines = [
    "## Curated answers: match threshold",
    "",
    `The server answers with a curated answer when a question's similarity to its question or one of its ` +
      `variants (cosine of the offline encoder's vectors + ${chosen.termWeight} × the Dice overlap of ` +
      `their content terms) is at least **${chosen.threshold}** (\`curatedMatchFor("${embedder.id}")\`). ` +
      "Paraphrases: the same question in other words (Debian FAQ: the FAQ's headings against " +
      "faq-examples.json, written by others; the help centers: bench/curated-paraphrases.ts). " +
      "Others: every other question of the corpus (in scope on another passage, and out of scope); " +
      "a match there would answer the wrong question with an owner's answer.",
    "",
    "| corpus | curated | paraphrases matched | matched to the wrong one | others | others matched (false) |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const all: Scored = { paraphrases: [], others: [] };
  const scoredByCase = new Map<string, Scored>();
  for (const c of list) {
    const scored = score(profiles, c, chosen.termWeight);
    scoredByCase.set(c.name, scored);
    all.paraphrases.push(...scored.paraphrases);
    all.others.push(...scored.others);
    const r = at(scored, chosen.threshold);
    lines.push(
      `| ${c.name} | ${c.pairs.length} | ${rate(r.matched, c.pairs.length)} | ${r.wrong} | ${c.others.length} | ${rate(r.falseMatches, c.others.length)} |`,
    );
  }
  const total = at(all, chosen.threshold);
  lines.push(
    `| **all** | ${all.paraphrases.length} | ${rate(total.matched, all.paraphrases.length)} | ${total.wrong} | ${all.others.length} | ${rate(total.falseMatches, all.others.length)} |`,
  );
  lines.push(
    "",
    "Sweep (all corpora pooled; term weight as chosen, then without terms and at 0.25 and 1):",
    "",
  );
  lines.push(
    "| term weight | threshold | paraphrases matched | others matched (false) |",
    "| --- | --- | --- | --- |",
  );
  for (const weight of [...new Set([chosen.termWeight, 0, 0.25, 1])]) {
    const pooled: Scored = { paraphrases: [], others: [] };
    for (const c of list) {
      const s = score(profiles, c, weight);
      pooled.paraphrases.push(...s.paraphrases);
      pooled.others.push(...s.others);
    }
    for (let t = 0.6; t <= 1.3001; t += 0.05) {
      const r = at(pooled, t);
      lines.push(
        `| ${weight} | ${t.toFixed(2)} | ${rate(r.matched, pooled.paraphrases.length)} | ${rate(r.falseMatches, pooled.others.length)} |`,
      );
    }
  }
  const maxOther = Math.max(...all.others.map((o) => o.score));
  const ownScores = all.paraphrases.filter((p) => p.own).map((p) => p.score);
  lines.push(
    "",
    `Highest score of any other question: ${maxOther.toFixed(3)}; paraphrase scores: median ` +
      `${median(ownScores).toFixed(3)}, min ${Math.min(...ownScores).toFixed(3)}.`,
  );
  for (const [name, scored] of scoredByCase) {
    const missed = scored.paraphrases.filter((p) => !(p.own && p.score >= chosen.threshold)).length;
    if (missed)
      lines.push(`- ${name}: ${missed} paraphrase(s) below the threshold go to retrieval as before.`);
    for (const other of scored.others.filter((o) => o.score >= chosen.threshold))
      lines.push(`- ${name}: false match ${other.score.toFixed(3)}: ${other.text}`);
  }
  return lines.join("\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
