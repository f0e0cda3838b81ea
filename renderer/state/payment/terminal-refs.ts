// Terminal references between the contract's shape (TerminalRefs, numbers) and Dexie's
// (StoredTerminalReference, numbers as text). The one place the renderer converts them.
import type { TerminalRefs } from '../../../common/contract/devices';
import type { StoredTerminalReference } from '../payment-slice';

export const toStoredReference = (refs: TerminalRefs | undefined): StoredTerminalReference | undefined =>
  refs && {
    maskedPan: refs.maskedPan,
    authCode: refs.authCode,
    traceNumber: refs.trace?.toString(),
    receiptNumber: refs.receiptNumber?.toString(),
    resultCode: refs.resultCode?.toString(16),
    cardBrand: refs.cardBrand,
  };

export const toTerminalRefs = (stored: StoredTerminalReference | undefined): TerminalRefs | undefined => {
  if (!stored) return undefined;
  const number = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  return { cardBrand: stored.cardBrand, maskedPan: stored.maskedPan, authCode: stored.authCode, trace: number(stored.traceNumber), receiptNumber: number(stored.receiptNumber) };
};
