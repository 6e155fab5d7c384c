import { describe, expect, test } from "bun:test";
import { makePdf, type PdfLine } from "../testing/fixtures";
import { extractPdf } from "./extract-pdf";

/** A table row: cells at the given column offsets, the first one a fresh line. */
function row(cells: string[], columns: number[], options: Partial<PdfLine> = {}): PdfLine[] {
  return cells.flatMap((text, index) =>
    text
      ? [{ ...options, text, x: columns[index]!, sameLine: index > 0 && cells.slice(0, index).some(Boolean) }]
      : [],
  );
}

const COLUMNS = [0, 150, 260, 370];
const PERMISSIONS: PdfLine[] = [
  { text: "Who can do what:" },
  ...row(["", "Owners", "Members", "Guests"], COLUMNS, { font: "bold", space: 8 }),
  ...row(["Post messages", "yes", "yes", "no"], COLUMNS, { space: 8 }),
  ...row(["Invite people", "yes", "", ""], COLUMNS, { space: 8 }),
  ...row(["Delete the whole", "yes", "no", "no"], COLUMNS, { space: 8 }),
  { text: "workspace", x: 0 },
  { text: "Ask an owner when in doubt about your role.", space: 10 },
];

describe("extractPdf keeps structure", () => {
  test("a table keeps its rows under its header row", async () => {
    const { blocks } = await extractPdf(await makePdf([PERMISSIONS]));
    expect(blocks).toEqual([
      { kind: "paragraph", text: "Who can do what:", page: 1 },
      {
        kind: "table",
        text: [
          "| Owners | Members | Guests",
          "Post messages | yes | yes | no",
          "Invite people | yes | |",
          "Delete the whole workspace | yes | no | no",
        ].join("\n"),
        header: true,
        page: 1,
      },
      { kind: "paragraph", text: "Ask an owner when in doubt about your role.", page: 1 },
    ]);
  });

  test("a header row centred in its columns is the table's header, not a heading", async () => {
    // Each header cell starts 40 points right of its column's edge, as a centred <th> prints.
    const centred = COLUMNS.slice(0, 3).map((x) => x + 40);
    const { blocks } = await extractPdf(
      await makePdf([
        [
          { text: "What the light means:" },
          ...row(["Light", "Meaning", "Action"], centred, { font: "bold", space: 8 }),
          ...row(["Solid blue", "Online", "Nothing to do"], COLUMNS, { space: 8 }),
          ...row(["Solid orange", "No internet", "Restart the modem"], COLUMNS, { space: 8 }),
        ],
      ]),
    );
    expect(blocks).toEqual([
      { kind: "paragraph", text: "What the light means:", page: 1 },
      {
        kind: "table",
        text: [
          "Light | Meaning | Action",
          "Solid blue | Online | Nothing to do",
          "Solid orange | No internet | Restart the modem",
        ].join("\n"),
        header: true,
        page: 1,
      },
    ]);
  });

  test("a table cut by a page break goes on, without its header row repeated", async () => {
    const header = row(["Plan", "Price", "Seats"], COLUMNS, { font: "bold", space: 8 });
    const pdf = await makePdf([
      ["Our plans:", ...header, ...row(["Free", "0", "10"], COLUMNS, { space: 8 })],
      [...header, ...row(["Business", "8", "unlimited"], COLUMNS, { space: 8 })],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks.filter((block) => block.kind === "table")).toEqual([
      {
        kind: "table",
        text: "Plan | Price | Seats\nFree | 0 | 10\nBusiness | 8 | unlimited",
        header: true,
        page: 1,
      },
    ]);
  });

  test("a row cut by a page break is finished, not glued to the header repeated above it", async () => {
    const header = row(["Problem", "Cause", "Fix"], COLUMNS, { space: 8 });
    const pdf = await makePdf([
      [
        "Common problems:",
        ...header,
        ...row(["No steam", "Wand blocked", "Clean the tip"], COLUMNS, { space: 8 }),
        ...row(["Milk does not froth", "Milk too warm or", "Use cold milk"], COLUMNS, { space: 8 }),
      ],
      [
        ...header,
        ...row(["", "the tip too deep", "just below the top"], COLUMNS, { space: 8 }),
        ...row(["Switches off", "Auto-off", "Press power"], COLUMNS, { space: 8 }),
      ],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks.filter((block) => block.kind === "table")).toEqual([
      {
        kind: "table",
        text: [
          "Problem | Cause | Fix",
          "No steam | Wand blocked | Clean the tip",
          "Milk does not froth | Milk too warm or the tip too deep | Use cold milk just below the top",
          "Switches off | Auto-off | Press power",
        ].join("\n"),
        header: true,
        page: 1,
      },
    ]);
  });

  test("numbered steps whose number stands apart are a list, not a table", async () => {
    const steps = [1, 2, 3].flatMap((number) => row([`${number}.`, `Step ${number} of the setup.`], [0, 30]));
    const { blocks } = await extractPdf(await makePdf([["Set it up:", ...steps]]));
    expect(blocks).toContainEqual({
      kind: "list",
      text: "1. Step 1 of the setup.\n2. Step 2 of the setup.\n3. Step 3 of the setup.",
      page: 1,
    });
  });

  test("lines in a monospaced font are code that keeps its line breaks and indentation", async () => {
    const pdf = await makePdf([
      [
        "Run these commands:",
        { text: "sudo apt update", font: "mono", size: 9.5 },
        { text: "sudo apt install \\", font: "mono", size: 9.5 },
        { text: "example-app", font: "mono", size: 9.5, x: 22.8 },
        "Then start the app from the menu.",
      ],
    ]);
    const { blocks } = await extractPdf(pdf);
    expect(blocks).toContainEqual({
      kind: "code",
      text: "sudo apt update\nsudo apt install \\\n    example-app",
      page: 1,
    });
    expect(blocks.at(-1)).toEqual({ kind: "paragraph", text: "Then start the app from the menu.", page: 1 });
  });

  test("a step or a command repeated at the foot of several pages is content, not a running footer", async () => {
    const pages = ["Email", "Phone", "Chat"].map((channel) => [
      `${channel} settings`,
      `Open the ${channel.toLowerCase()} page of your account to change how we reach you.`,
      "1. Open Settings.",
      "2. Choose Notifications.",
      `3. Pick ${channel}.`,
      "4. Turn it on.",
      { text: "restart-notifier --all", font: "mono" as const, size: 9.5 },
      "5. Click Save.",
    ]);
    const { blocks } = await extractPdf(await makePdf(pages, { footer: "Acme Help Center" }));
    const text = blocks.map((block) => block.text).join("\n");
    expect(text.match(/5\. Click Save\./g)).toHaveLength(3);
    expect(text.match(/restart-notifier --all/g)).toHaveLength(3);
    expect(text).not.toContain("Acme Help Center");
  });
});
