/** A piece of a document's text structure, as extraction finds it. */
export interface Block {
  kind: "heading" | "paragraph" | "list" | "table" | "code";
  text: string;
  /** 1 to 6, headings only. */
  level?: number;
  /** 1-based page, PDFs only. */
  page?: number;
  /** Tables only: the first line is the header row, naming the columns of the lines below it. */
  header?: boolean;
}

export interface ExtractedDocument {
  blocks: Block[];
  pageCount?: number;
}
