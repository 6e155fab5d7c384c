import { useState } from "preact/hooks";

export const ACCEPT = ".pdf,.docx,.txt,.md,.markdown,application/pdf,text/plain,text/markdown";

/**
 * Drop files here, or choose them with the ordinary file input, which keyboard and screen-reader
 * users reach with Tab like any other control.
 */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer gesture; the file input inside is its keyboard equivalent.
    <div
      class={`drop${over ? " over" : ""}`}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const files = [...(event.dataTransfer?.files ?? [])];
        if (files.length) onFiles(files);
      }}
    >
      <p>Drag PDF, DOCX, Markdown or text files here, or</p>
      <label class="button" for="file-input">
        Choose files
      </label>
      <input
        id="file-input"
        class="file-input"
        type="file"
        multiple
        accept={ACCEPT}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
