import type { Message } from "@supportal/shared";
import { formatDateTime } from "../format";
import { SourceList } from "./SourceList";

const who: Record<Message["sender"], string> = {
  user: "Customer",
  assistant: "Assistant",
  agent: "Agent",
  system: "System",
};

/** A conversation's messages in order, each answer with the sources it was drawn from. */
export function TranscriptMessages({ messages }: { messages: Message[] }) {
  return (
    <ol class="transcript" aria-label="Messages">
      {messages.map((message) => (
        <li
          key={message.id}
          class={`turn turn-${message.sender}`}
          data-testid="transcript-message"
          data-sender={message.sender}
        >
          <p class="meta">
            <strong>
              {message.sender === "agent" && message.agentName ? message.agentName : who[message.sender]}
            </strong>
            {message.sender === "agent" && message.agentName ? " (agent)" : ""} ·{" "}
            <time dateTime={message.timestamp}>{formatDateTime(message.timestamp)}</time>
          </p>
          <p class="text">{message.message}</p>
          <SourceList sources={message.sources ?? []} />
        </li>
      ))}
    </ol>
  );
}
