/**
 * Mirrors the visual viewport into CSS variables so the full-screen panel on phones shrinks above
 * the on-screen keyboard instead of hiding the composer behind it, and covers what is visible even
 * when the page is zoomed or wider than the screen.
 */
export function trackViewport(el: HTMLElement): () => void {
  const viewport = globalThis.visualViewport;
  if (!viewport) return () => {};
  const sync = () => {
    // `el` sits at the layout viewport's origin (the host is fixed at 0,0). Where that origin shows
    // up on screen differs from the visual viewport's offsets on pages wider than the phone.
    const origin = el.getBoundingClientRect();
    el.style.setProperty("--vt", `${viewport.offsetTop - origin.top}px`);
    el.style.setProperty("--vl", `${viewport.offsetLeft - origin.left}px`);
    el.style.setProperty("--vw", `${viewport.width}px`);
    el.style.setProperty("--vh", `${viewport.height}px`);
  };
  sync();
  viewport.addEventListener("resize", sync);
  viewport.addEventListener("scroll", sync);
  return () => {
    viewport.removeEventListener("resize", sync);
    viewport.removeEventListener("scroll", sync);
  };
}
