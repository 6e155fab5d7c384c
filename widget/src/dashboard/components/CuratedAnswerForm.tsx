import type { CuratedAnswerCreate, Document } from "@supportal/shared";
import { useState } from "preact/hooks";
import { useSubmit } from "../hooks/use-submit";
import { type CuratedValues, curatedInput } from "../quality-forms";
import { DocumentSelect } from "./DocumentSelect";
import { FormActions } from "./FormActions";

/** A curated answer's question, its other phrasings, the answer and its document: to add or to edit one. */
export function CuratedAnswerForm({
  idPrefix,
  initial,
  documents,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: CuratedValues;
  documents: Document[];
  submitLabel: string;
  onSubmit: (input: CuratedAnswerCreate) => Promise<void>;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const { error, busy, submit } = useSubmit();
  const field = (name: keyof CuratedValues) => ({
    id: `${idPrefix}-${name}`,
    value: values[name],
    onInput: (event: { currentTarget: { value: string } }) =>
      setValues((old) => ({ ...old, [name]: event.currentTarget.value })),
  });

  const onSend = (event: Event) => {
    event.preventDefault();
    void submit(() => onSubmit(curatedInput(values)));
  };

  return (
    <form class="settings-form" onSubmit={onSend} data-testid="curated-form">
      <label for={`${idPrefix}-question`}>Question</label>
      <input {...field("question")} required maxLength={500} />
      <label for={`${idPrefix}-variants`}>Other ways customers ask it</label>
      <textarea {...field("variants")} rows={3} aria-describedby={`${idPrefix}-variants-hint`} />
      <p class="hint" id={`${idPrefix}-variants-hint`}>
        One per line. A customer question close to the question or any of these gets this answer.
      </p>
      <label for={`${idPrefix}-answer`}>Answer</label>
      <textarea {...field("answer")} rows={5} required maxLength={8000} />
      <label for={`${idPrefix}-documentId`}>Document it is about</label>
      <DocumentSelect {...field("documentId")} documents={documents} none="None" />
      <FormActions label={submitLabel} busy={busy} error={error} onCancel={onCancel} />
    </form>
  );
}
