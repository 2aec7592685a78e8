import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useT } from '../i18n/use-t';

/**
 * The page's one h1. Sets the window title and, after a navigation, takes focus so a
 * screen reader announces where it landed and Tab continues from there. On the first page
 * focus stays at the top of the document, where the skip link is. `focusOnMount` is for a
 * heading that replaces another without a navigation.
 */
export function PageHeading({
  title,
  children,
  focusOnMount = false,
}: {
  title: string;
  children?: ReactNode;
  focusOnMount?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const t = useT();
  const windowTitle = t('common.windowTitle', { title });
  // The router's first entry has the key "default"; every navigation makes a new one.
  const navigated = useLocation().key !== 'default' || focusOnMount;
  // With the page's first paint, so the window is never titled for the page before it.
  useLayoutEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);
  // Before paint, so focus never rests on the previous page's leftovers.
  useLayoutEffect(() => {
    if (navigated) ref.current?.focus();
  }, [navigated]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
