import { stem } from "porter2";

/**
 * Tokens of a text as LanceDB's full-text index makes them with the options lance-store.ts gives
 * it (the `simple` tokenizer, English), so that an index in memory ranks exactly as LanceDB's:
 * runs of letters and digits; tokens of 40 bytes or more dropped; lower-cased; Snowball English
 * (Porter2) stemming; then the English stop words (NLTK's list) removed from the stemmed tokens,
 * as LanceDB does it (probed: "does" stems to "doe" and stays); then accents folded to ASCII.
 */
const MAX_TOKEN_BYTES = 40;
const STOP_WORDS = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she " +
    "her hers herself it its itself they them their theirs themselves what which who whom this that " +
    "these those am is are was were be been being have has had having do does did doing a an the and " +
    "but if or because as until while of at by for with about against between into through during " +
    "before after above below to from up down in out on off over under again further then once here " +
    "there when where why how all any both each few more most other some such no nor not only own same " +
    "so than too very s t can will just don should now d ll m o re ve y ain aren couldn didn doesn " +
    "hadn hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn"
  ).split(" "),
);
const WORD = /[\p{Alphabetic}\p{N}]+/gu;
const encoder = new TextEncoder();

/** Stems of words seen, most recently used last: a help center's vocabulary is small. */
const STEM_CACHE_ENTRIES = 50_000;
const stems = new Map<string, string | null>();

/** The token a lower-cased word becomes, or null when it is dropped. */
function tokenOf(word: string): string | null {
  const cached = stems.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemLikeLance(word);
  const token = STOP_WORDS.has(stemmed) ? null : foldToAscii(stemmed);
  stems.set(word, token);
  if (stems.size > STEM_CACHE_ENTRIES) stems.delete(stems.keys().next().value!);
  return token;
}

/**
 * Porter2 as the `porter2` package has it, with one change LanceDB's newer Snowball English makes
 * (probed on every word of the bench corpora: 13 of 4,491 words differ without it, 8 with it): a
 * doubled consonant right after a single leading a, e or o stays ("added", "adding" → "add", not "ad").
 * The 8 left are words Snowball now keeps apart ("internal"/"international", "universal"/"university",
 * "past"/"paste"); Porter2 conflates them, which moves their BM25 scores a little.
 */
const LEADING_DOUBLE = /^([aeo])(bb|dd|ff|gg|mm|nn|pp|rr|tt)(?:ed|edly|ing|ingly)$/;

function stemLikeLance(word: string): string {
  const kept = LEADING_DOUBLE.exec(word);
  return kept ? `${kept[1]}${kept[2]}` : stem(word);
}

export function ftsTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    // Bytes, as the index counts them; a word of 10 or fewer characters cannot reach 40 bytes.
    if (word.length > 10 && encoder.encode(word).length >= MAX_TOKEN_BYTES) continue;
    const token = tokenOf(word.toLowerCase());
    if (token) tokens.push(token);
  }
  return tokens;
}

/** Latin letters with accents and ligatures as ASCII, as Lucene's ASCII folding filter writes them. */
export function foldToAscii(token: string): string {
  if (!/[^\u0000-\u007f]/.test(token)) return token;
  let folded = "";
  for (const char of token) {
    const latin = /[\u00c0-\u024f\u1e00-\u1eff]/.test(char);
    folded += FOLDED[char] ?? (latin ? char.normalize("NFD").replace(/\p{M}/gu, "") : char);
  }
  return folded;
}

/** Letters that lose more than an accent when folded (decomposition alone does the rest). */
const FOLDED: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ĳ: "ij",
  ŀ: "l",
  ŉ: "n",
  ſ: "s",
};
