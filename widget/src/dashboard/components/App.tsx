import { useEffect, useState } from "preact/hooks";
import { type Api, createApi } from "../api/client";
import { clearToken, loadToken, saveToken } from "../auth/credential-store";
import { type Principal, resolvePrincipal } from "../auth/principal";
import { navigate, useRoute } from "../route";
import { unmountWidget } from "../widget-embed";
import { BusinessesPage } from "./BusinessesPage";
import { BusinessPage } from "./BusinessPage";
import { InboxPage } from "./InboxPage";
import { Shell } from "./Shell";
import { SignIn } from "./SignIn";

interface Session {
  api: Api;
  principal: Principal;
}

/** Signed out: the sign-in form. Signed in: the page the hash names, within what the credential may see. */
export function App({ server }: { server: string }) {
  const [session, setSession] = useState<Session>();
  const [restoring, setRestoring] = useState(() => Boolean(loadToken()));
  const route = useRoute();

  const signIn = async (token: string) => {
    const api = createApi(server, token);
    const principal = await resolvePrincipal(api);
    saveToken(token);
    setSession({ api, principal });
    if (principal.kind === "business")
      navigate({ page: "business", businessId: principal.businessId, tab: "documents" });
    if (principal.kind === "agent")
      navigate({ page: "business", businessId: principal.businessId, tab: "inbox" });
  };

  const signOut = () => {
    clearToken();
    unmountWidget();
    setSession(undefined);
    navigate({ page: "businesses" });
  };

  // A reload keeps the tab signed in: the stored credential is checked again before use.
  useEffect(() => {
    const token = loadToken();
    if (!token) return;
    const api = createApi(server, token);
    resolvePrincipal(api)
      .then((principal) => setSession({ api, principal }))
      .catch(() => clearToken())
      .finally(() => setRestoring(false));
  }, [server]);

  if (restoring)
    return (
      <p class="loading" role="status">
        Loading…
      </p>
    );
  if (!session) return <SignIn onSignIn={signIn} />;

  const { api, principal } = session;
  // After a key rotation the stored credential must follow, or the next reload would sign out.
  const replaceToken = (token: string) => {
    saveToken(token);
    setSession({ api: createApi(server, token), principal });
  };

  let page = <NotFound />;
  if (principal.kind === "agent") {
    // An agent's token opens one business's inbox and nothing else.
    const sessionId =
      route.page === "business" && route.tab === "inbox" && route.businessId === principal.businessId
        ? route.sessionId
        : undefined;
    page = <InboxPage api={api} businessId={principal.businessId} sessionId={sessionId} owner={false} />;
  } else if (route.page === "businesses") {
    page =
      principal.kind === "admin" ? (
        <BusinessesPage api={api} />
      ) : (
        <BusinessPage
          api={api}
          principal={principal}
          route={{ page: "business", businessId: principal.businessId, tab: "documents" }}
          onTokenRotated={replaceToken}
        />
      );
  } else if (route.page === "business") {
    page =
      principal.kind === "business" && principal.businessId !== route.businessId ? (
        <NotFound message="This API key belongs to another business." />
      ) : (
        <BusinessPage api={api} principal={principal} route={route} onTokenRotated={replaceToken} />
      );
  }
  return (
    <Shell principal={principal} onSignOut={signOut}>
      {page}
    </Shell>
  );
}

function NotFound({ message = "There is no such page." }: { message?: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>{message}</p>
      <a href="#/">Go to the start page</a>
    </section>
  );
}
