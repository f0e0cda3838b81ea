// Which customiser group is open: one at a time, first the one initialOpenGroup picks. A group
// opened elsewhere (a reason "Add to order" is disabled) is scrolled to and its row focused.
import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { groupRowId } from './GroupRow';

export function useOpenGroup(initial: () => string | undefined) {
  const [openKey, setOpenKey] = useState(initial);
  // The tapped row shows itself open at once; its choices follow in a transition (shownKey), so the tap paints first.
  const shownKey = useDeferredValue(openKey);
  const reveal = useRef<string | undefined>(undefined);
  // On arrival the screen starts at its heading; only a group opened afterwards is scrolled to.
  const arrived = useRef(false);
  const toggle = useCallback((key: string) => setOpenKey((current) => (current === key ? undefined : key)), []);
  const show = useCallback((key: string) => {
    reveal.current = key;
    setOpenKey(key);
  }, []);

  // Once the choices are in (the transition's commit, after the tap's frame): scrolling and focusing force layout.
  useEffect(() => {
    if (!arrived.current) {
      arrived.current = true;
      return;
    }
    if (shownKey === undefined) return;
    const row = document.getElementById(groupRowId(shownKey));
    // Only the group area scrolls, so the row and its choices come into view there.
    row?.closest('.customizer-row')?.scrollIntoView({ block: 'nearest' });
    if (reveal.current === shownKey) {
      reveal.current = undefined;
      row?.focus({ preventScroll: true });
    }
  }, [shownKey]);

  return { openKey, shownKey, toggle, show };
}
