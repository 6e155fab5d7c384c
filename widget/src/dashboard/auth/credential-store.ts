/**
 * The credential lives in sessionStorage: it survives a reload of the tab but not closing it, and
 * other tabs and sites never see it. It is never put in a cookie, so no other site can make the
 * browser send it (no CSRF), and it is sent only as an Authorization header to this origin.
 */
const KEY = "supportal.dashboard.credential";

export function loadToken(storage: Storage | undefined = safeSessionStorage()): string | undefined {
  return storage?.getItem(KEY) ?? undefined;
}

export function saveToken(token: string, storage: Storage | undefined = safeSessionStorage()): void {
  storage?.setItem(KEY, token);
}

export function clearToken(storage: Storage | undefined = safeSessionStorage()): void {
  storage?.removeItem(KEY);
}

function safeSessionStorage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    // Storage blocked by the browser: the sign-in then lasts until the page is reloaded.
    return;
  }
}
