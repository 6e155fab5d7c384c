import type { Ref } from "preact";
import type { Strings } from "../i18n";
import { Icon, icons } from "./Icon";

interface LauncherProps {
  open: boolean;
  unread: number;
  t: Strings;
  onToggle: () => void;
  buttonRef: Ref<HTMLButtonElement>;
}

export function Launcher({ open, unread, t, onToggle, buttonRef }: LauncherProps) {
  const badge = !open && unread > 0;
  return (
    <button
      ref={buttonRef}
      type="button"
      class="l"
      data-supportal="launcher"
      aria-label={open ? t.close : badge ? `${t.open} (${unread} ${t.unread})` : t.open}
      aria-expanded={open}
      aria-controls="sp-panel"
      aria-haspopup="dialog"
      onClick={onToggle}
      onKeyDown={(event) => open && event.key === "Escape" && onToggle()}
    >
      <Icon d={open ? icons.close : icons.chat} />
      {badge && (
        <span class="u" aria-hidden="true">
          {unread > 9 ? "9+" : unread}
        </span>
      )}
    </button>
  );
}
