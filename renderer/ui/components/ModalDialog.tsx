// A modal built on the native <dialog>: showModal() makes the page behind it inert
// (focus stays inside), Escape fires "cancel", and focus returns where it was.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  titleId: string;
  describedById?: string;
  onDismiss(): void;
  children: ReactNode;
  /** Element to focus when the dialog opens; the first focusable one otherwise. */
  initialFocusSelector?: string;
  role?: 'dialog' | 'alertdialog';
}

export const ModalDialog = ({ titleId, describedById, onDismiss, children, initialFocusSelector, role = 'dialog' }: Props) => {
  const ref = useRef<HTMLDialogElement>(null);
  const onDismissRef = useRef(onDismiss);
  useEffect(() => {
    onDismissRef.current = onDismiss;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const initial = initialFocusSelector
      ? dialog.querySelector<HTMLElement>(initialFocusSelector)
      : dialog.querySelector<HTMLElement>('button, [href], input, [tabindex]:not([tabindex="-1"])');
    initial?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onDismissRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (returnFocusTo?.isConnected) returnFocusTo.focus();
    };
  }, [initialFocusSelector]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={describedById} role={role === 'alertdialog' ? 'alertdialog' : undefined}>
      {children}
    </dialog>
  );
};
