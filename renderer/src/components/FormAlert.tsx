import type { ReactNode } from 'react';

/** The form's error, announced when it appears; fields it concerns point here with aria-describedby. */
export function FormAlert({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} role="alert" className="form-alert">
      {children}
    </div>
  );
}

/** A quiet confirmation of what just happened (announced politely). */
export function FormNotice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="form-notice">
      {children}
    </div>
  );
}
