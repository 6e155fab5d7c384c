import { sentencesToEmbed } from "../chat/extractive-answerer";
import { createSentenceVectorFiller, type SentenceVectorFiller } from "../chat/sentence-vector-filler";
import type { SentenceVectorRepo } from "../chat/sentence-vector-repo";
import type { Db } from "../db/client";
import { findDocumentById } from "../documents/document-repo";
import type { Embedder } from "../providers/embedder";

/** The offline answerer's sentence vectors, filled for each ready document while ingestion is idle. */
export function createSentenceFill(deps: {
  db: Db;
  embedder: Embedder;
  repo: SentenceVectorRepo;
  ingestionIdle: () => Promise<void>;
  log: (line: string) => void;
}): SentenceVectorFiller {
  return createSentenceVectorFiller({
    repo: deps.repo,
    embedder: deps.embedder,
    sentencesOf: sentencesToEmbed,
    ingestionIdle: deps.ingestionIdle,
    documentExists: (documentId) => findDocumentById(deps.db, documentId) !== undefined,
    log: deps.log,
  });
}
