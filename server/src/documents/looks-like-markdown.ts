const ATX_HEADING = /^ {0,3}#{1,6}\s+\S/m;
const FEATURES = [
  /^ {0,3}[-*+]\s+\S/m, // bullet list
  /^ {0,3}\d{1,9}[.)]\s+\S/m, // ordered list
  /\[[^\]\n]+\]\([^)\s]+\)/, // inline link
  /^ {0,3}(```|~~~)/m, // code fence
];

/**
 * True when text is clearly Markdown: ATX headings together with lists, links or fences. A lone `#` line
 * is common in plain text (shell comments, tags), so headings alone do not count.
 */
export function looksLikeMarkdown(text: string): boolean {
  const headings = text.match(new RegExp(ATX_HEADING.source, "gm"))?.length ?? 0;
  if (headings === 0) return false;
  return headings >= 3 || FEATURES.some((feature) => feature.test(text));
}
