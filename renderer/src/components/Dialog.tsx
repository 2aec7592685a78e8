import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Read out with the title when the dialog opens. */
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  /** What takes focus on opening; otherwise the first control. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Where focus goes on closing when the control that opened the dialog is gone. */
  fallbackFocus?: () => HTMLElement | null;
  /** `alertdialog` for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog (WAI-ARIA APG "dialog (modal)"): the rest of the page is made inert,
 * Tab and Shift+Tab cycle inside it, Escape closes it, and focus goes back to the control
 * that opened it.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  initialFocusRef,
  fallbackFocus,
  role = 'dialog',
}: DialogProps) {
  const id = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  const fallbackRef = useRef(fallbackFocus);
  useEffect(() => {
    closeRef.current = onClose;
    fallbackRef.current = fallbackFocus;
  });

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Everything else in <body> leaves the accessibility tree and the tab order while open.
    const others = [...document.body.children].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && el !== overlayRef.current && !el.inert,
    );
    others.forEach((el) => {
      el.inert = true;
      el.setAttribute('inert', '');
    });
    const first =
      initialFocusRef?.current ?? panelRef.current?.querySelector<HTMLElement>(focusable) ?? panelRef.current;
    first?.focus();
    return () => {
      others.forEach((el) => {
        el.inert = false;
        el.removeAttribute('inert');
      });
      const target = opener?.isConnected ? opener : fallbackRef.current?.();
      target?.focus();
    };
    // Once per opening: a new initialFocusRef object must not steal focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      closeRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const controls = [...panelRef.current.querySelectorAll<HTMLElement>(focusable)];
    const [firstControl, lastControl] = [controls[0], controls[controls.length - 1]];
    if (!firstControl || !lastControl) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === firstControl || active === panelRef.current)) {
      event.preventDefault();
      lastControl.focus();
    } else if (!event.shiftKey && active === lastControl) {
      event.preventDefault();
      firstControl.focus();
    }
  };

  return createPortal(
    <div ref={overlayRef} className="dialog-overlay">
      <div
        ref={panelRef}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        className="dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {description && (
          <div id={`${id}-description`} className="dialog-description">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>,
    document.body,
  );
}
