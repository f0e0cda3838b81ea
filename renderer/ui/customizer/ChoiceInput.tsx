// A choice's radio or checkbox, rendered again only when what it shows changes. React writes an
// input's name and type afresh on every render of it (to keep radio groups consistent), and each
// write takes the input out of its radio group and puts it back, restyling it: adding a line
// re-rendered every input of the customiser being left (15 attribute writes in the tap's frame).
import { memo, type ChangeEvent } from 'react';

interface ChoiceInputProps {
  type: 'radio' | 'checkbox';
  name?: string;
  checked: boolean;
  disabled?: boolean;
  /**
   * Depends only on which choice this is (the store action and its ids), never on the current
   * choices: an input whose look did not change keeps the handler of its last render.
   */
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}

const looksTheSame = (before: ChoiceInputProps, after: ChoiceInputProps) =>
  before.type === after.type && before.name === after.name && before.checked === after.checked && before.disabled === after.disabled;

export const ChoiceInput = memo(function ChoiceInput({ type, name, checked, disabled, onChange }: ChoiceInputProps) {
  return <input type={type} name={name} checked={checked} disabled={disabled} onChange={onChange} />;
}, looksTheSame);
