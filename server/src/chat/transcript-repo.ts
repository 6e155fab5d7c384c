import type { AsyncRepo } from "../db/async-repo";
import { searchMessages } from "./message-search";
import { findSessionSummary, listSessionSummaries } from "./session-summaries";

/** What the dashboard reads across a business's conversations: search and the inbox list. */
export const transcriptQueries = { searchMessages, listSessionSummaries, findSessionSummary };
export type TranscriptRepo = AsyncRepo<typeof transcriptQueries>;
