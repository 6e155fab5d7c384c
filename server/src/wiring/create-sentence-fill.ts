import { sentencesToEmbed } from "../chat/extractive-answerer";
import { createSentenceVectorFiller, type SentenceVectorFiller } from "../chat/sentence-vector-filler";
import type { SentenceVectorRepo } from "../chat/sentence-vector-repo";
import type { Repositories } from "../db/repositories";
import type { Embedder } from "../providers/embedder";

/** The offline answerer's sentence vectors, filled for each ready document while ingestion and chat turns are idle. */
export function createSentenceFill(deps: {
  repos: Pick<Repositories, "documents">;
  embedder: Embedder;
  repo: SentenceVectorRepo;
  ingestionIdle: () => Promise<void>;
  turnsIdle: () => Promise<void>;
  log: (line: string) => void;
}): SentenceVectorFiller {
  return createSentenceVectorFiller({
    repo: deps.repo,
    embedder: deps.embedder,
    sentencesOf: sentencesToEmbed,
    ingestionIdle: deps.ingestionIdle,
    turnsIdle: deps.turnsIdle,
    documentExists: async (documentId) =>
      (await deps.repos.documents.findDocumentById(documentId)) !== undefined,
    log: deps.log,
  });
}
