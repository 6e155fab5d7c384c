import type { CheckCreate, Document } from "@supportal/shared";
import { useState } from "preact/hooks";
import { useSubmit } from "../hooks/use-submit";
import { type CheckValues, checkInput } from "../quality-forms";
import { DocumentSelect } from "./DocumentSelect";
import { FormActions } from "./FormActions";

/** A golden question and what its answer must show: a document and/or a phrase, or a refusal. */
export function CheckForm({
  idPrefix,
  initial,
  documents,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: CheckValues;
  documents: Document[];
  onSubmit: (input: CheckCreate) => Promise<void>;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const { error, setError, busy, submit } = useSubmit();
  const set = (name: keyof CheckValues) => (event: { currentTarget: { value: string } }) =>
    setValues((old) => ({ ...old, [name]: event.currentTarget.value }));

  const onSend = (event: Event) => {
    event.preventDefault();
    const input = checkInput(values);
    if (typeof input === "string") return setError(input);
    void submit(async () => {
      await onSubmit(input);
      setValues(initial);
    });
  };

  return (
    <form class="settings-form" onSubmit={onSend} data-testid="check-form">
      <label for={`${idPrefix}-question`}>Question</label>
      <input id={`${idPrefix}-question`} value={values.question} onInput={set("question")} required />
      <fieldset>
        <legend>The answer must</legend>
        <label class="check">
          <input
            type="radio"
            name={`${idPrefix}-kind`}
            value="answer"
            checked={values.kind === "answer"}
            onChange={set("kind")}
          />
          Answer from the documents
        </label>
        <label class="check">
          <input
            type="radio"
            name={`${idPrefix}-kind`}
            value="refuse"
            checked={values.kind === "refuse"}
            onChange={set("kind")}
          />
          Say it does not know
        </label>
      </fieldset>
      {values.kind === "answer" && (
        <>
          <label for={`${idPrefix}-documentId`}>Cite the document</label>
          <DocumentSelect
            id={`${idPrefix}-documentId`}
            value={values.documentId}
            onInput={set("documentId")}
            documents={documents}
            none="Any document"
          />
          <label for={`${idPrefix}-phrase`}>Contain the phrase</label>
          <input
            id={`${idPrefix}-phrase`}
            value={values.phrase}
            onInput={set("phrase")}
            maxLength={300}
            aria-describedby={`${idPrefix}-phrase-hint`}
          />
          <p class="hint" id={`${idPrefix}-phrase-hint`}>
            Case and spacing do not matter. Give a document, a phrase, or both.
          </p>
        </>
      )}
      <FormActions label="Add check" busy={busy} error={error} onCancel={onCancel} />
    </form>
  );
}
