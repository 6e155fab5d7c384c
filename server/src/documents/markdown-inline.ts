import { decodeEntities } from "./html-tree";

// Every span is bounded: an opener without a closer must not make each later character rescan the
// rest of the paragraph (quadratic time on a hostile upload). Longer emphasis simply stays as typed.
const SPAN = 300;

const COMMENT = new RegExp(`<!--.{0,${SPAN * 10}}?-->`, "g");
const IMAGE = new RegExp(`!\\[([^\\]]{0,${SPAN}})\\]\\([^)]{0,${SPAN}}\\)`, "g");
const REFERENCE_LINK = new RegExp(`\\[([^\\]]{1,${SPAN}})\\]\\[[^\\]]{0,${SPAN}}\\]`, "g");
const STRONG = new RegExp(`(\\*\\*|__)(?=\\S)(.{1,${SPAN}}?)(?<=\\S)\\1`, "g");
// Single * or _ only around words, so snake_case and 2*3*4 survive.
const EMPHASIS = new RegExp(`(^|[\\s(])([*_])(?=\\S)(.{1,${SPAN}}?)(?<=\\S)\\2(?=[\\s).,;:!?]|$)`, "g");
const STRIKE = new RegExp(`~~(.{1,${SPAN}}?)~~`, "g");
const LINK = new RegExp(
  `\\[([^\\]]{1,${SPAN}})\\]\\(\\s*<?([^)\\s>]{1,${SPAN * 7}})>?(?:\\s+"[^"]{0,${SPAN}}")?\\s*\\)`,
  "g",
);
const CODE_SPAN = /`([^`]+)`/g;
// Real HTML elements only: help articles write placeholders such as <subdomain> or <token> as text.
const HTML_TAG = new RegExp(
  `</?(?:${[
    "a abbr b big br center cite code del details dfn div em font h[1-6] hr i img ins kbd mark p pre q s samp",
    "small span strike strong sub summary sup table tbody td tfoot th thead tr tt u var video iframe figure",
    "figcaption section picture source ul ol li dl dt dd blockquote",
  ]
    .join(" ")
    .split(" ")
    .join("|")})(?=[\\s/>])[^<>]{0,${SPAN}}>`,
  "gi",
);
// A private-use character cannot occur in a text file meant for people; it marks where code spans were.
const HOLE = "\uE000";

/**
 * Markdown inline syntax reduced to the words a reader sees. Links keep their words and lose their address
 * (a long URL quoted mid-answer helps nobody); inline HTML keeps its text (`<kbd>Ctrl</kbd>` is "Ctrl") and
 * entities are decoded. Code spans are kept exactly as written.
 */
export function stripMarkdownInline(text: string): string {
  const codes: string[] = [];
  const held = text.replace(/\uE000/g, "").replace(CODE_SPAN, (_, code: string) => {
    codes.push(code);
    return HOLE;
  });
  let index = 0;
  return decodeEntities(
    held
      .replace(COMMENT, "")
      .replace(IMAGE, "$1")
      .replace(LINK, "$1")
      .replace(REFERENCE_LINK, "$1")
      .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
      .replace(/<(?:mailto:)?([^@<>\s]+@[^@<>\s]+)>/g, "$1")
      .replace(HTML_TAG, (tag) => (/^<br/i.test(tag) ? " " : ""))
      .replace(STRONG, "$2")
      .replace(EMPHASIS, "$1$3")
      .replace(STRIKE, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1"),
  )
    .replace(/\uE000/g, () => codes[index++] ?? "")
    .replace(/[ \t]+/g, " ")
    .trim();
}
