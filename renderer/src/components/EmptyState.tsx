import type { ReactNode } from 'react';

/** What a list shows when it has nothing in it: say so, and what to do to fill it. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty-state">{children}</div>;
}
