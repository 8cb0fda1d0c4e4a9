import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './Icon.js';
import './modal.css';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** `drawer` slides in from the right edge. */
  variant?: 'dialog' | 'drawer';
  width?: number;
  testId?: string;
}

/** A focus-keeping dialog: Escape or the scrim closes it, focus returns where it was. */
export function Modal({ title, onClose, children, footer, variant = 'dialog', width, testId }: ModalProps) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    const first = panel.current?.querySelector<HTMLElement>(
      '[data-autofocus], input, select, textarea, button:not([data-close])',
    );
    (first ?? panel.current)?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div
      className={`modal-scrim modal-${variant}`}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panel}
        className="modal-panel"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        style={width === undefined ? undefined : { width }}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="modal-head">
          <h2 className="modal-title">{title}</h2>
          <button
            type="button"
            className="btn btn-ghost btn-sm btn-icon"
            aria-label="Close"
            data-close
            onClick={onClose}
          >
            <Icon name="close" size={15} />
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer !== undefined && <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
