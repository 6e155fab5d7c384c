import { describe, expect, test } from "bun:test";
import { readHyphenation } from "./hyphenation";
import { joinWrappedLines } from "./join-wrapped-lines";

describe("joinWrappedLines", () => {
  test("undoes the typesetter's hyphenation but keeps the author's", () => {
    expect(joinWrappedLines(["pointers to other docu-", "mentation will be given"])).toBe(
      "pointers to other documentation will be given",
    );
    expect(joinWrappedLines(["a Debian-", "based system"])).toBe("a Debian-based system");
    expect(joinWrappedLines(["pages 10 -", "12"])).toBe("pages 10 - 12");
  });

  test("glues URLs broken at a dot or slash, and opening quotes", () => {
    expect(joinWrappedLines(["see (https://packages.", "debian.org/stable/) for more"])).toBe(
      "see (https://packages.debian.org/stable/) for more",
    );
    expect(joinWrappedLines(["read (https:", "//www.debian.org/releases)"])).toBe(
      "read (https://www.debian.org/releases)",
    );
    expect(joinWrappedLines(["more often than ‘", "unstable’"])).toBe("more often than ‘unstable’");
    expect(joinWrappedLines(["ends here.", "Next line"])).toBe("ends here. Next line");
  });

  test("with the document's words, an author's hyphen stays and a typesetter's goes", () => {
    // A document that never breaks words: Word, LibreOffice and browsers do not by default.
    const manual = readHyphenation([
      "Rendering is resource-",
      "intensive, so close other programs.",
      "Each resource you open and every intensive task slows it down.",
    ]);
    expect(manual.breaksWords).toBe(false);
    expect(joinWrappedLines(["Rendering is resource-", "intensive, so close"], manual)).toBe(
      "Rendering is resource-intensive, so close",
    );
    expect(joinWrappedLines(["a Chromebook-", "friendly"], manual)).toBe("a Chromebook-friendly");
    // A document that hyphenates (LaTeX): its words are joined again, its compounds are left whole.
    const faq = readHyphenation([
      "pointers to docu-",
      "mentation and more documentation; de-",
      "velopers, as all developers do, use full-",
      "upgrade, a full upgrade",
    ]);
    expect(faq.breaksWords).toBe(true);
    expect(joinWrappedLines(["pointers to docu-", "mentation"], faq)).toBe("pointers to documentation");
    expect(joinWrappedLines(["use full-", "upgrade"], faq)).toBe("use full-upgrade");
    expect(joinWrappedLines(["a sophisti-", "cated tool"], faq)).toBe("a sophisticated tool");
  });
});
