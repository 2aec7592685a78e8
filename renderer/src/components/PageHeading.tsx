import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. Sets the window title and takes focus when the page appears, so a
 * screen reader announces where a navigation landed and Tab continues from the top.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Palisade`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
