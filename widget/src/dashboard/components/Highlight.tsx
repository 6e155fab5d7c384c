/** `text` with every case-insensitive occurrence of `term` in <mark>. */
export function Highlight({ text, term }: { text: string; term: string }) {
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  const parts: preact.JSX.Element[] = [];
  let at = 0;
  for (let found = lower.indexOf(needle); needle && found >= 0; found = lower.indexOf(needle, at)) {
    if (found > at) parts.push(<span key={at}>{text.slice(at, found)}</span>);
    parts.push(<mark key={`m${found}`}>{text.slice(found, found + needle.length)}</mark>);
    at = found + needle.length;
  }
  parts.push(<span key={at}>{text.slice(at)}</span>);
  return <>{parts}</>;
}
