import type { ComponentChildren, VNode } from "preact";

/**
 * A safe Markdown subset rendered straight to Preact nodes, so model and visitor text only ever
 * becomes text nodes: paragraphs, **bold**, *italic*, lists, `code`, fenced code blocks and
 * http(s)/mailto links. Everything else stays literal text.
 */
export function renderMarkdown(source: string): VNode[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: VNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = FENCE.exec(line)?.[1];
    if (fence) {
      const body: string[] = [];
      // An unclosed fence (an answer still streaming) runs to the end.
      while (++i < lines.length && !lines[i]!.trim().startsWith(fence)) body.push(lines[i]!);
      i++;
      blocks.push(
        <pre>
          <code>{body.join("\n")}</code>
        </pre>,
      );
    } else if (LIST.test(line)) {
      const ordered = isOrdered(line);
      const items: string[] = [];
      let match: RegExpExecArray | null;
      while (i < lines.length) {
        const next = lines[i]!;
        match = LIST.exec(next);
        if (match && isOrdered(next) === ordered) items.push(match[2]!);
        else if (items.length && /^\s+\S/.test(next) && !startsBlock(next))
          items.push(`${items.pop()} ${next.trim()}`);
        else break;
        i++;
      }
      const children = items.map((item) => <li>{inline(item)}</li>);
      const start = Number.parseInt(line, 10);
      blocks.push(ordered ? <ol start={start}>{children}</ol> : <ul>{children}</ul>);
    } else if (HEADING.test(line)) {
      blocks.push(
        <p>
          <strong>{inline(line.replace(HEADING, ""))}</strong>
        </p>,
      );
      i++;
    } else if (line.trim()) {
      const paragraph: ComponentChildren[] = [];
      do {
        if (paragraph.length) paragraph.push(<br />);
        paragraph.push(...inline(lines[i]!.trim()));
      } while (++i < lines.length && lines[i]!.trim() && !startsBlock(lines[i]!));
      blocks.push(<p>{paragraph}</p>);
    } else i++;
  }
  return blocks;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const LIST = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+/;
const isOrdered = (line: string) => /^\s*\d/.test(line);
const startsBlock = (line: string) => FENCE.test(line) || LIST.test(line) || HEADING.test(line);

// Alternatives: `code`, **bold**, __bold__, *italic*, _italic_, [label](url), a bare http(s) URL.
const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*(?=\S)(.*?\S)\*|\b_(?=\S)(.*?\S)_\b|\[([^\]]+)\]\(\s*<?([^\s()<>]+)>?\s*\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"*_])/g;

/** Inline Markdown of one line. */
export function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [all, code, strong, strong2, em, em2, label, href] = match;
    const bold = strong ?? strong2;
    const italic = em ?? em2;
    out.push(
      text.slice(last, match.index),
      code !== undefined ? (
        <code>{code}</code>
      ) : bold !== undefined ? (
        <strong>{inline(bold)}</strong>
      ) : italic !== undefined ? (
        <em>{inline(italic)}</em>
      ) : label !== undefined ? (
        link(label, href!)
      ) : (
        link(all, all)
      ),
    );
    last = match.index + all.length;
  }
  out.push(text.slice(last));
  return out.filter((part) => part !== "");
}

function link(label: string, href: string): ComponentChildren {
  const url = safeUrl(href);
  // Link text stays plain so links never nest; an unsafe target leaves just the words.
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  ) : (
    label
  );
}

/**
 * The normalized URL when it is absolute http, https or mailto. The URL parser lower-cases the
 * scheme and strips the whitespace and control characters browsers ignore, so `JaVaScRiPt:` and
 * `java\tscript:` are caught; relative URLs are refused because the widget runs on foreign pages.
 */
export function safeUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return /^(https?|mailto):$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return;
  }
}
