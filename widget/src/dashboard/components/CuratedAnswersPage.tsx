import type { Business, CuratedImportResult } from "@supportal/shared";
import { useState } from "preact/hooks";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import { formatDateTime, plural } from "../format";
import { useFocusHeading } from "../hooks/use-focus-heading";
import { useResource } from "../hooks/use-resource";
import { curatedValues, emptyCurated } from "../quality-forms";
import { saveFile } from "../save-file";
import { CuratedAnswerForm } from "./CuratedAnswerForm";
import { ErrorNote } from "./ErrorNote";

/** The owner's own answers: written once, given before any search of the documents when a question matches. */
export function CuratedAnswersPage({ api, business }: { api: Api; business: Business }) {
  const heading = useFocusHeading(`answers-${business.id}`);
  const answers = useResource(`answers-${business.id}`, () => api.listCurated(business.id));
  const documents = useResource(`documents-${business.id}`, () => api.listDocuments(business.id));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number>();
  const [imported, setImported] = useState<CuratedImportResult>();
  const [error, setError] = useState<string>();
  const docs = documents.data?.documents ?? [];
  const documentName = (id: number) => docs.find((d) => d.id === id)?.name ?? `document ${id}`;

  const attempt = async (what: () => Promise<void>) => {
    setError(undefined);
    try {
      await what();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const remove = (id: number, question: string) =>
    attempt(async () => {
      if (!confirm(`Delete the curated answer to “${question}”?`)) return;
      await api.deleteCurated(business.id, id);
      await answers.reload();
    });

  const importFile = (input: HTMLInputElement) =>
    attempt(async () => {
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      setImported(undefined);
      setImported(await api.importCurated(business.id, await file.text()));
      await answers.reload();
    });

  const exportCsv = () =>
    attempt(async () =>
      saveFile(await api.exportCurated(business.id), `supportal-answers-${business.id}.csv`),
    );

  const list = answers.data?.answers;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        Curated answers
      </h1>
      <p>
        A question you answer once, in your own words. When a customer asks it, or something close to it or
        one of its other phrasings, they get this answer (marked as yours) before any search of the documents.
      </p>
      <div class="row wrap">
        <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          New curated answer
        </button>
        <button type="button" class="secondary" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <label class="button secondary" for="curated-import">
          Import CSV
        </label>
        <input
          id="curated-import"
          class="file-input"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="curated-import-hint"
          onChange={(event) => void importFile(event.currentTarget)}
        />
      </div>
      <p class="hint" id="curated-import-hint">
        The CSV's first row names the columns: question, answer, and optionally variants (one per line in the
        cell), document_id and id (a known id updates that answer).
      </p>
      {imported && (
        <div role="status" data-testid="import-result">
          <p>Imported {plural(imported.imported, "answer")}.</p>
          {imported.errors.length > 0 && (
            <>
              <p>{plural(imported.errors.length, "row was", "rows were")} not imported:</p>
              <ul>
                {imported.errors.map((problem) => (
                  <li key={problem.row} data-testid="import-error">
                    Row {problem.row}: {problem.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ErrorNote message={error ?? answers.error} />
      {adding && (
        <CuratedAnswerForm
          idPrefix="curated-new"
          initial={emptyCurated}
          documents={docs}
          submitLabel="Save curated answer"
          onSubmit={async (input) => {
            await api.createCurated(business.id, input);
            setAdding(false);
            await answers.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {!list ? (
        !answers.error && <p role="status">Loading…</p>
      ) : list.length === 0 ? (
        <p>No curated answers yet. Write one here, or from an answer under Review.</p>
      ) : (
        <ul class="cards single">
          {list.map((answer) => (
            <li key={answer.id} class="card" data-testid="curated-answer" data-answer-id={answer.id}>
              {editing === answer.id ? (
                <CuratedAnswerForm
                  idPrefix={`curated-${answer.id}`}
                  initial={curatedValues(answer)}
                  documents={docs}
                  submitLabel="Save changes"
                  onSubmit={async (input) => {
                    await api.updateCurated(business.id, answer.id, input);
                    setEditing(undefined);
                    await answers.reload();
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              ) : (
                <>
                  <h2 class="item-title">{answer.question}</h2>
                  {answer.variants.length > 0 && (
                    <ul class="variants" aria-label="Other phrasings">
                      {answer.variants.map((variant) => (
                        <li key={variant}>{variant}</li>
                      ))}
                    </ul>
                  )}
                  <p class="text" data-testid="curated-text">
                    {answer.answer}
                  </p>
                  <p class="meta">
                    {answer.documentId !== null ? `About ${documentName(answer.documentId)} · ` : ""}
                    Given {plural(answer.uses, "time")} · changed {formatDateTime(answer.updatedAt)}
                  </p>
                  <div class="row wrap">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Edit the answer to ${answer.question}`}
                      onClick={() => setEditing(answer.id)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={`Delete the answer to ${answer.question}`}
                      onClick={() => void remove(answer.id, answer.question)}
                    >
                      Delete
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
