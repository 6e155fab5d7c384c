export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

/** A generative model that streams its answer as text pieces. */
export interface ChatModel {
  readonly id: string;
  stream(input: { messages: ChatTurn[]; signal?: AbortSignal }): AsyncIterable<string>;
  /** One short, non-streamed completion (query rewriting). */
  complete(input: { messages: ChatTurn[]; signal?: AbortSignal }): Promise<string>;
}
