// Which customiser group is open: one at a time, first the one initialOpenGroup picks. A group
// opened elsewhere (a reason "Add to order" is disabled) is scrolled to and its row focused.
import { useCallback, useEffect, useRef, useState } from 'react';
import { groupRowId } from './GroupRow';

export function useOpenGroup(initial: () => string | undefined) {
  const [openKey, setOpenKey] = useState(initial);
  const reveal = useRef<string | undefined>(undefined);
  // On arrival the screen starts at its heading; only a group opened afterwards is scrolled to.
  const arrived = useRef(false);
  const toggle = useCallback((key: string) => setOpenKey((current) => (current === key ? undefined : key)), []);
  const show = useCallback((key: string) => {
    reveal.current = key;
    setOpenKey(key);
  }, []);

  useEffect(() => {
    if (!arrived.current) {
      arrived.current = true;
      return;
    }
    if (openKey === undefined) return;
    const row = document.getElementById(groupRowId(openKey));
    // Only the group area scrolls, so the row and its choices come into view there.
    row?.closest('.customizer-row')?.scrollIntoView({ block: 'nearest' });
    if (reveal.current === openKey) {
      reveal.current = undefined;
      row?.focus({ preventScroll: true });
    }
  }, [openKey]);

  return { openKey, toggle, show };
}
