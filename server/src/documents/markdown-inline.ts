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

/** Markdown inline syntax reduced to the words a reader sees; link targets stay, in parentheses. */
export function stripMarkdownInline(text: string): string {
  return text
    .replace(COMMENT, "")
    .replace(IMAGE, "$1")
    .replace(LINK, (_, label: string, url: string) =>
      // An in-page anchor means nothing outside the page.
      url.startsWith("#") || label === url ? label : `${label} (${url})`,
    )
    .replace(REFERENCE_LINK, "$1")
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(STRONG, "$2")
    .replace(EMPHASIS, "$1$3")
    .replace(STRIKE, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
    .replace(/[ \t]+/g, " ")
    .trim();
}
