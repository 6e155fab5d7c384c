import { MatchQuery } from "@lancedb/lancedb";

/**
 * A customer's words as a plain match query on `column`: LanceDB reads a bare string as query syntax,
 * and a question written in double quotes (`"office"`) becomes a phrase query, which an index built
 * without positions refuses with an error. A match query is never parsed: every word counts, scored
 * exactly as the bare string would be without quotes.
 */
export function userTextQuery(text: string, column: string): MatchQuery {
  return new MatchQuery(text, column);
}
