/**
 * RESULTS.md with the sections of the modules that were run alone put in place of their previous
 * versions. A section runs from its `## ` heading to the line `_<file>: … s…._` that run.ts ends it
 * with; a module without a previous section is added before the closing "All benchmarks" line.
 */
export function replaceSections(previous: string, sections: { file: string; text: string }[]): string {
  let lines = previous.split("\n");
  for (const { file, text } of sections) {
    const end = lines.findIndex((line) => line.startsWith(`_${file}: `));
    const start = end < 0 ? -1 : lines.slice(0, end).findLastIndex((line) => line.startsWith("## "));
    if (start >= 0) lines = [...lines.slice(0, start), ...text.split("\n"), ...lines.slice(end + 1)];
    else {
      const closing = lines.findIndex((line) => line.startsWith("_All benchmarks"));
      const at = closing < 0 ? lines.length : closing;
      lines = [...lines.slice(0, at), ...text.split("\n"), "", ...lines.slice(at)];
    }
  }
  return lines.join("\n");
}
