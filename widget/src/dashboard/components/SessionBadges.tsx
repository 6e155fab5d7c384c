import type { SessionSummary } from "@supportal/shared";

/** A conversation's state in words (never colour alone): who answers, a gap, an address left, unread. */
export function SessionBadges({ session, unread }: { session: SessionSummary; unread: number }) {
  return (
    <span class="badges">
      {session.mode === "waiting" && (
        <span class="badge badge-waiting" data-badge="waiting">
          Waiting
        </span>
      )}
      {session.mode === "human" && (
        <span class="badge badge-human" data-badge="human">
          {session.agentName ? `With ${session.agentName}` : "With a person"}
        </span>
      )}
      {session.mode === "closed" && (
        <span class="badge" data-badge="closed">
          Closed
        </span>
      )}
      {session.unanswered && (
        <span class="badge badge-failed" data-badge="unanswered">
          Unanswered
        </span>
      )}
      {session.contact && (
        <span class="badge badge-ready" data-badge="contact">
          Contact left
        </span>
      )}
      {unread > 0 && (
        <span class="badge badge-unread" data-badge="unread">
          {unread} unread
        </span>
      )}
    </span>
  );
}
