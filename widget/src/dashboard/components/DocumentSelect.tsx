import type { Document } from "@supportal/shared";

/** A choice of the business's documents by title and file name; "" is `none`. */
export function DocumentSelect({
  id,
  value,
  onInput,
  documents,
  none,
}: {
  id: string;
  value: string;
  onInput: (event: { currentTarget: { value: string } }) => void;
  documents: Document[];
  none: string;
}) {
  return (
    <select id={id} value={value} onChange={onInput}>
      <option value="">{none}</option>
      {documents.map((document) => (
        <option key={document.id} value={String(document.id)}>
          {document.title ? `${document.title} (${document.name})` : document.name}
        </option>
      ))}
    </select>
  );
}
