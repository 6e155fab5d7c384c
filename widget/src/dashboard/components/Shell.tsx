import type { ComponentChildren } from "preact";
import type { Principal } from "../auth/principal";

/** The frame around every signed-in page: skip link, header with who is signed in, and the main region. */
export function Shell({
  principal,
  onSignOut,
  children,
}: {
  principal: Principal;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  return (
    <>
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header class="top">
        <a class="brand" href="#/">
          Supportal
        </a>
        <span class="who" data-testid="who">
          {principal.kind === "admin"
            ? "Admin"
            : principal.kind === "agent"
              ? `${principal.agentName} (agent)`
              : principal.businessName}
        </span>
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

// A button, not a link to #main: the hash holds the route, so the skip control moves focus itself.
function skipToMain() {
  document.getElementById("main")?.focus();
}
