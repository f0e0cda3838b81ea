// The English catalog: every text of the kiosk, staff mode, the staff console, the order status display and the printer.
// Its shape is the Catalog type: another language that misses a key or a parameter does not compile.
import { accessibility } from './accessibility';
import { consoleText } from './console';
import { display } from './display';
import { help } from './help';
import { kiosk } from './kiosk';
import { problems } from './problems';
import { receipt } from './receipt';
import { shared } from './shared';

export const en = {
  languageName: 'English',
  kiosk,
  help,
  console: consoleText,
  display,
  receipt,
  problems,
  accessibility,
  ...shared,
};

export type Catalog = typeof en;
