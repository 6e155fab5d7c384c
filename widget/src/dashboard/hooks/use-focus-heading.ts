import { useEffect, useRef } from "preact/hooks";

/**
 * Moves focus to the page's heading when a view opens or changes, so keyboard and screen-reader
 * users land at the start of the new content instead of on a link that has gone.
 */
export function useFocusHeading(key: string) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
