/**
 * A modal dialog: focus moves into it, Escape cancels, the page behind is
 * inert for pointer and screen reader alike.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, children, onCancel, testId }: { title: string; children: ReactNode; onCancel(): void; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    const first = el?.querySelector<HTMLElement>('textarea, input, select, button.primary, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref={ref} data-testid={testId}>
        <h2 id="dialog-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
