import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { loadSession } from "../../session";
import { messageOf } from "../api/api-error";
import type { Api } from "../api/client";
import type { WidgetHandle } from "../widget-embed";

const storage = () => {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
};

/**
 * Marks the conversation the dashboard's own widget holds as the owner's test, so it stays out of
 * insights, the review queue and the checks' figures. The widget keeps its session id in this page's
 * storage under the key any visitor's browser uses; the id is made here first when none is stored, so
 * the mark is in place before the first message. A conversation the owner starts over gets a new id:
 * the widget's `message` events mark that one too, as soon as it is used.
 *
 * `ready` turns true once the first mark has been tried (the widget waits for it); `error` says why
 * a mark failed (the widget still works, but that conversation counts).
 */
export function useTestSession(api: Api, businessId: number) {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string>();
  const marked = useRef(new Set<string>());

  const mark = useCallback(async () => {
    const id = loadSession(storage(), businessId);
    const key = `${businessId}/${id}`;
    if (marked.current.has(key)) return;
    marked.current.add(key);
    try {
      await api.markTestSession(businessId, id);
      setError(undefined);
    } catch (failure) {
      marked.current.delete(key);
      setError(
        `This conversation could not be marked as your test, so it counts in insights: ${messageOf(failure)}`,
      );
    }
  }, [api, businessId]);

  useEffect(() => {
    let current = true;
    setReady(false);
    void mark().finally(() => current && setReady(true));
    return () => {
      current = false;
    };
  }, [mark]);

  const onWidget = useCallback((widget: WidgetHandle) => widget.on("message", () => void mark()), [mark]);
  return { ready, error, onWidget };
}
