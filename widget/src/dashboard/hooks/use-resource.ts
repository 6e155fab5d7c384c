import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { messageOf } from "../api/api-error";

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

/**
 * Loads `load()` when `key` changes, and again every `pollMs(data)` milliseconds while that returns a
 * number: live status without reloading the page. A late answer for an old key, or one overtaken by a
 * later request, is dropped.
 */
export function useResource<T>(
  key: string,
  load: () => Promise<T>,
  pollMs?: (data: T | undefined) => number | undefined,
): Resource<T> {
  // `round` counts finished loads, so each one (even a repeated failure) schedules the next poll.
  const [state, setState] = useState<{
    key: string;
    data?: T;
    error?: string;
    loading: boolean;
    round: number;
  }>({
    key,
    loading: true,
    round: 0,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  keyRef.current = key;
  // A poll sent before a change may answer after the reload that follows it: only the latest
  // request's answer is kept.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const forKey = keyRef.current;
    const request = ++latest.current;
    try {
      const data = await loadRef.current();
      if (request !== latest.current) return;
      if (keyRef.current === forKey)
        setState((old) => ({ key: forKey, data, loading: false, round: old.round + 1 }));
    } catch (error) {
      if (request !== latest.current) return;
      if (keyRef.current === forKey)
        setState((old) => ({
          ...old,
          key: forKey,
          error: messageOf(error),
          loading: false,
          round: old.round + 1,
        }));
    }
  }, []);

  useEffect(() => {
    setState((old) => ({ key, loading: true, round: old.round }));
    void reload();
  }, [key, reload]);

  const current =
    state.key === key ? state : { key, loading: true, round: state.round, data: undefined, error: undefined };
  const delay = pollMs?.(current.data);
  useEffect(() => {
    if (delay === undefined || current.loading) return;
    const timer = setTimeout(() => void reload(), delay);
    return () => clearTimeout(timer);
  }, [delay, current.loading, current.round, reload]);

  return {
    data: current.data,
    error: current.error,
    loading: current.loading,
    reload,
    set: (data: T) => setState((old) => ({ key, data, loading: false, round: old.round })),
  };
}
