// "Cancel this order?": staff confirm with a reason they choose (none is chosen for them);
// only a manager can confirm (the host refuses anyone else, this says so before they try).
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { ModalDialog } from '../components/ModalDialog';

export const CANCEL_REASONS = ['customer_changed_mind', 'customer_left', 'wrong_order', 'items_unavailable', 'duplicate_order', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const CancelOrderDialog = ({ manager, onKeep, onCancel }: { manager: boolean; onKeep(): void; onCancel(reason: CancelReason): void }) => {
  const { help: text, catalog } = useI18n();
  const [reason, setReason] = useState<CancelReason | null>(null);
  const bodyId = useId();
  const name = useId();
  return (
    <ModalDialog titleId="cancel-order-title" describedById={bodyId} onDismiss={onKeep} role="alertdialog" initialFocusSelector=".keep-order">
      <h2 id="cancel-order-title">{text.cancelConfirmTitle}</h2>
      <fieldset className="cancel-reasons">
        <legend id={bodyId}>{text.cancelConfirmBody}</legend>
        {CANCEL_REASONS.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name={name} value={value} checked={reason === value} onChange={() => setReason(value)} />
            {text.cancelReasons[value]}
          </label>
        ))}
      </fieldset>
      {manager ? null : (
        <p role="alert" className="form-error">
          {catalog.errors.manager_required}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button primary keep-order" onClick={onKeep}>
          {text.keepOrder}
        </button>
        <button type="button" className="button danger" disabled={!manager || reason === null} onClick={() => reason && onCancel(reason)}>
          {text.confirmCancel}
        </button>
      </div>
    </ModalDialog>
  );
};
