import { describe, expect, test } from "bun:test";
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
});
