/** 24px stroke icons; the paths are short on purpose, every byte ships to every host page. */
export const icons = {
  chat: "M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.6A8 8 0 1 1 21 12z",
  close: "M6 6l12 12M18 6 6 18",
  send: "M4 12h14M12 5l7 7-7 7",
  plus: "M12 5v14M5 12h14",
};

export function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
