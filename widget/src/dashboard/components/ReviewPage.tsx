import type { Business, CheckCreate, CuratedAnswerCreate, ReviewItem, ReviewReason } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { curatedFromReview, emptyCheck } from "../quality-forms";
import { href } from "../route";
import { CheckForm } from "./CheckForm";
import { CuratedAnswerForm } from "./CuratedAnswerForm";
import { ErrorNote } from "./ErrorNote";
import { PeriodPicker } from "./PeriodPicker";
import { SourceList } from "./SourceList";

// New 👎 arrive while the page is open: read the queue again every so often.
const REVIEW_POLL_MS = 5000;

export const reasonLabels: Record<ReviewReason, string> = {
  down: "Rated not helpful",
  unanswered: "Not answered",
  low_evidence: "Low evidence",
};

type Action = { itemId: string; kind: "curated" | "check" };

/** Answers to look at: rated 👎, not answered, or given on little evidence; the same question asked in other words once. */
export function ReviewPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`review-${business.id}`);
  const [days, setDays] = useState(30);
  const queue = useResource(
    `review-${business.id}-${days}`,
    () => api.getReview(business.id, days),
    () => REVIEW_POLL_MS,
  );
  const documents = useResource(`documents-${business.id}`, () => api.listDocuments(business.id));
  const [action, setAction] = useState<Action>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();

  const dismiss = async (item: ReviewItem) => {
    await api.dismissReview(
      business.id,
      item.questions.map((question) => question.messageId),
    );
    await queue.reload();
  };

  const act = async (what: () => Promise<void>, message: string) => {
    setError(undefined);
    setDone(undefined);
    await what();
    setAction(undefined);
    setDone(message);
  };

  const writeCurated = (item: ReviewItem) => async (input: CuratedAnswerCreate) =>
    act(async () => {
      await api.createCurated(business.id, input);
      // The owner's answer settles it: the item leaves the queue.
      await dismiss(item);
    }, "Saved as a curated answer: customers asking this, in these or other words, now get it.");

  const addCheck = async (input: CheckCreate) =>
    act(async () => {
      await api.createCheck(business.id, input);
    }, "Check added: it runs with the others, and after every change to the documents.");

  const dismissItem = async (item: ReviewItem) => {
    setError(undefined);
    setDone(undefined);
    try {
      await dismiss(item);
      setDone("Dismissed.");
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const items = queue.data?.items;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Review
      </h1>
      <p>
        Answers customers rated not helpful, questions the documents did not answer, and answers given on
        little evidence. Write a curated answer, add a check so it stays fixed, or dismiss.
      </p>
      <PeriodPicker id="review-range" days={days} onDays={setDays} onRefresh={() => void queue.reload()} />
      {done && (
        <p role="status" data-testid="review-done">
          {done}
        </p>
      )}
      <ErrorNote message={error ?? queue.error} />
      {!items ? (
        !queue.error && <p role="status">Loading…</p>
      ) : items.length === 0 ? (
        <p data-testid="review-empty">Nothing to review in this period.</p>
      ) : (
        <ol class="cards single">
          {items.map((item, index) => (
            <li key={item.id} class="card" data-testid="review-item">
              <div class="badges">
                {item.reasons.map((reason) => (
                  <span key={reason} class={`badge badge-${reason}`}>
                    {reasonLabels[reason]}
                  </span>
                ))}
              </div>
              <h2 class="item-title">
                <q>{item.questions[0]?.question}</q>
              </h2>
              <p class="meta">
                Asked {plural(item.questions.length, "time")} · last {formatDateTime(item.lastAskedAt)}
              </p>
              <ul class="asked">
                {item.questions.map((question) => (
                  <li key={question.messageId} data-testid="review-question">
                    <q>{question.question}</q>{" "}
                    <span class="meta">
                      {reasonLabels[question.reason]} · {formatDateTime(question.askedAt)} ·{" "}
                      <a
                        href={href({
                          page: "business",
                          businessId: business.id,
                          tab: "conversations",
                          sessionId: question.sessionId,
                        })}
                      >
                        conversation
                      </a>
                    </span>
                    {question.comment && (
                      <blockquote data-testid="review-comment">
                        <span class="sr-only">Customer's comment: </span>
                        {question.comment}
                      </blockquote>
                    )}
                  </li>
                ))}
              </ul>
              <p class="meta">Answer given</p>
              <p class="text" data-testid="review-answer">
                {item.answer}
              </p>
              <SourceList sources={item.sources} />
              <div class="row wrap">
                <button
                  type="button"
                  aria-expanded={action?.itemId === item.id && action.kind === "curated"}
                  onClick={() => setAction({ itemId: item.id, kind: "curated" })}
                >
                  Write a curated answer
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={action?.itemId === item.id && action.kind === "check"}
                  onClick={() => setAction({ itemId: item.id, kind: "check" })}
                >
                  Add a check
                </button>
                <button type="button" class="secondary" onClick={() => void dismissItem(item)}>
                  Dismiss
                </button>
              </div>
              {action?.itemId === item.id &&
                (action.kind === "curated" ? (
                  <CuratedAnswerForm
                    idPrefix={`review-${index}-curated`}
                    initial={curatedFromReview(item)}
                    documents={documents.data?.documents ?? []}
                    submitLabel="Save curated answer"
                    onSubmit={writeCurated(item)}
                    onCancel={() => setAction(undefined)}
                  />
                ) : (
                  <CheckForm
                    idPrefix={`review-${index}-check`}
                    initial={{ ...emptyCheck, question: item.questions[0]?.question ?? "" }}
                    documents={documents.data?.documents ?? []}
                    onSubmit={addCheck}
                    onCancel={() => setAction(undefined)}
                  />
                ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
