import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A table's horizontal scroll container, the one place where a page may scroll sideways: marked
 * `data-scrolls="x"` and labelled, focusable for the keyboard, and saying so in words when its content
 * is wider than the screen (a cut-off column is otherwise invisible).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <>
      {overflows && (
        <p className="scroll-hint" aria-hidden="true">
          Scroll sideways for more columns →
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll */}
      <section ref={ref} className="table-wrap" data-scrolls="x" aria-label={label} tabIndex={0}>
        {children}
      </section>
    </>
  );
}
