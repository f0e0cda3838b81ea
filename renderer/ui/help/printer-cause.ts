// Why the receipt printer failed, for the offer of help: the host's device state (paper out, cover
// open…), asked when the offer appears and kept current from device.status events.
import { useEffect, useState } from 'react';
import type { PrinterState } from '../../../common/contract/devices';
import { getKioskApi } from '../../api';

export function usePrinterCause(active: boolean): PrinterState | null {
  const [cause, setCause] = useState<PrinterState | null>(null);
  useEffect(() => {
    if (!active) return;
    let api;
    try {
      api = getKioskApi();
    } catch {
      return; // no host (component tests): the offer keeps its general words
    }
    let current = true;
    api
      .getDeviceStatus({})
      .then((status) => current && setCause(status.printer))
      .catch(() => undefined);
    const stop = api.onEvent((event) => {
      if (event.type === 'device.status') setCause(event.status.printer);
    });
    return () => {
      current = false;
      stop();
      setCause(null);
    };
  }, [active]);
  return cause;
}
