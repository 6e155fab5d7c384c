import type { Ref, RefObject } from "preact";
import type { Strings } from "../i18n";
import { MAX_MESSAGE_CHARS } from "../limits";
import { Icon, icons } from "./Icon";

interface ComposerProps {
  t: Strings;
  inputRef: Ref<HTMLTextAreaElement> & RefObject<HTMLTextAreaElement>;
  onSend: (text: string) => void;
}

/** Uncontrolled on purpose: re-renders from streaming frames never touch what the visitor types. */
export function Composer({ t, inputRef, onSend }: ComposerProps) {
  const submit = (event: Event) => {
    event.preventDefault();
    const input = inputRef.current!;
    if (input.value.trim()) onSend(input.value);
    input.value = "";
    grow(input);
    input.focus();
  };
  return (
    <form class="c" onSubmit={submit}>
      <textarea
        ref={inputRef}
        data-supportal="input"
        rows={1}
        maxLength={MAX_MESSAGE_CHARS}
        aria-label={t.input}
        placeholder={t.input}
        onInput={(event) => grow(event.currentTarget)}
        onKeyDown={(event) => {
          // Enter sends, Shift+Enter breaks the line; an IME composition's Enter picks a candidate.
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submit(event);
        }}
      />
      <button type="submit" data-supportal="send" aria-label={t.send}>
        <Icon d={icons.send} />
      </button>
    </form>
  );
}

const grow = (input: HTMLTextAreaElement) => {
  input.style.height = "";
  input.style.height = `${input.scrollHeight + 2}px`;
};
