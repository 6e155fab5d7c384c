/** Markdown inline syntax reduced to the words a reader sees; link targets stay, in parentheses. */
export function stripMarkdownInline(text: string): string {
  return (
    text
      .replace(/<!--.*?-->/g, "")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, url: string) =>
        // An in-page anchor means nothing outside the page.
        url.startsWith("#") || label === url ? label : `${label} (${url})`,
      )
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
      .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
      .replace(/`([^`]+)`/g, "$1")
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
      // Single * or _ only around words, so snake_case and 2*3*4 survive.
      .replace(/(^|[\s(])([*_])(?=\S)(.+?)(?<=\S)\2(?=[\s).,;:!?]|$)/g, "$1$3")
      .replace(/~~(.+?)~~/g, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1")
      .replace(/[ \t]+/g, " ")
      .trim()
  );
}
