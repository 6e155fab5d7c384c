/**
 * A table as text, one line per row. With a header row each cell is labelled with its column's header
 * ("Slack role: Workspace Owner; Zulip role: Owner"), so a row quoted alone, or a row in a later chunk
 * than the header, still says what its values mean.
 */
export function tableText(rows: readonly (readonly string[])[], hasHeader: boolean): string {
  const [header, ...body] = rows;
  if (!header) return "";
  if (!hasHeader || body.length === 0) {
    return rows
      .map((cells) => cells.join(" | ").trim())
      .filter((line) => line.replace(/\|/g, "").trim())
      .join("\n");
  }
  return body
    .map((cells) => {
      const parts = cells.map((cell, column) =>
        cell && header[column] ? `${header[column]}: ${cell}` : cell,
      );
      // A first column without a header names the row: "Join — Members: ✔; Guests: ✔".
      const [first = "", ...rest] = parts;
      const values = rest.filter(Boolean).join("; ");
      if (first && !header[0]) return values ? `${first} — ${values}` : first;
      return [first, values].filter(Boolean).join("; ");
    })
    .filter(Boolean)
    .join("\n");
}
