import type { TermStats } from "./term-stats";
import { stem } from "./terms";

/**
 * Chat shorthand, read as the word it stands for when the business never writes the shorthand
 * itself. General English of chat and text messages, not any business's vocabulary.
 */
const SHORTHAND: Record<string, string | string[]> = {
  msg: "message",
  pic: "picture",
  pw: "password",
  pwd: "password",
  passwd: "password",
  acct: "account",
  addr: "address",
  info: "information",
  num: "number",
  qty: "quantity",
  approx: "approximately",
  appt: "appointment",
  config: "configuration",
  docs: "documentation",
  min: "minute",
  mins: "minutes",
  hr: "hour",
  hrs: "hours",
  sec: "second",
  secs: "seconds",
  wk: "week",
  wks: "weeks",
  yr: "year",
  yrs: "years",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  pkg: "package",
  dept: "department",
  mgr: "manager",
  govt: "government",
  intl: "international",
  sub: "subscription",
  notif: "notification",
  notifs: "notifications",
  convo: "conversation",
  convos: "conversations",
  bday: "birthday",
  ppl: "people",
  diff: "different",
  thru: "through",
  nite: "night",
  tonite: "tonight",
  temp: "temperature",
  spec: "specification",
  specs: "specifications",
  pref: "preference",
  prefs: "preferences",
  vid: "video",
  dl: "download",
  prob: "problem",
  probs: "problems",
  fav: ["favorite", "favourite"],
  fave: ["favorite", "favourite"],
  char: "character",
  chars: "characters",
  req: "request",
  ref: "reference",
  tel: "telephone",
  mob: "mobile",
  avail: "available",
  auth: "authentication",
  admin: "administrator",
  org: ["organization", "organisation"],
  ext: "extension",
  attn: "attention",
  cust: "customer",
  aprox: "approximately",
};

// A word shorter than this is too often a whole other word when cut in two or stripped of a suffix
// ("other" is no comparative, "often" no pair). Chosen by reading, not tuned: on the five tuning help
// centers (bench/relevance-study.ts) the variants turned 4 refused questions into answers, 2 of them
// quoting the answering passage (zulip-help 2, appliance-manual 1, shop-policies 1), and let no
// out-of-scope question through.
const MIN_COMPOUND_LENGTH = 6;
const MIN_COMPOUND_PART = 3;
const MIN_DEGREE_LENGTH = 5;

/**
 * How the business writes a word of the question it never uses as typed, as stems (a compound read
 * as two words is the two stems joined by a space, both needed), or none. Tried in turn: chat
 * shorthand ("msg"), an acronym's plural ("pcs"), a comparative or superlative ("hotter",
 * "heaviest"), and two words run together ("giftcard").
 */
export function wordVariants(word: string, stats: TermStats): string[] {
  const known = (candidate: string) => stats.frequency(stem(candidate)) > 0;
  const singular = word.length >= 3 && word.endsWith("s") ? word.slice(0, -1) : null;
  for (const typed of singular ? [word, singular] : [word]) {
    const full = [SHORTHAND[typed] ?? []].flat().find(known);
    if (full) return [stem(full)];
  }
  if (singular && !singular.endsWith("s") && known(singular)) return [stem(singular)];
  const base = degreeBase(word, known);
  if (base) return [stem(base)];
  const split = compoundSplit(word, known);
  return split ? [split.map(stem).join(" ")] : [];
}

/** The adjective of a comparative or superlative ("hotter" → "hot", "larger" → "large", "heavier" → "heavy"). */
function degreeBase(word: string, known: (candidate: string) => boolean): string | null {
  if (word.length < MIN_DEGREE_LENGTH) return null;
  const cut = word.endsWith("est") ? word.slice(0, -3) : word.endsWith("er") ? word.slice(0, -2) : null;
  if (!cut || cut.length < 2) return null;
  const candidates = [cut, `${cut}e`];
  if (cut.endsWith("i")) candidates.push(`${cut.slice(0, -1)}y`);
  if (cut.length >= 3 && cut.at(-1) === cut.at(-2)) candidates.push(cut.slice(0, -1));
  return candidates.find(known) ?? null;
}

/** Two words the business uses, run together or joined by a hyphen in the question. */
function compoundSplit(word: string, known: (candidate: string) => boolean): [string, string] | null {
  const letters = word.replace(/-/g, "");
  if (letters.length < MIN_COMPOUND_LENGTH) return null;
  for (let at = MIN_COMPOUND_PART; at <= letters.length - MIN_COMPOUND_PART; at++) {
    const left = letters.slice(0, at);
    const right = letters.slice(at);
    if (known(left) && known(right)) return [left, right];
  }
  return null;
}
