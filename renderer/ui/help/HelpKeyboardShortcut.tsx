// A way to ask for help without seeing the screen: "?" or F1 (the Help key) opens
// "Call staff" from anywhere, except while someone types in a field (staff sign-in).
import { useEffect } from 'react';
import { useKioskStore } from '../../state/StoreProvider';

export const HELP_KEYS = ['?', 'F1', 'Help'];

export const HelpKeyboardShortcut = () => {
  const store = useKioskStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!HELP_KEYS.includes(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const state = store.getState();
      if (state.staffMode || state.staffSignIn.open || state.help.open) return;
      event.preventDefault();
      state.openHelp();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return null;
};
