// The German catalog.
import type { Catalog } from '../en';
import { accessibility } from './accessibility';
import { consoleText } from './console';
import { display } from './display';
import { help } from './help';
import { kiosk } from './kiosk';
import { problems } from './problems';
import { receipt } from './receipt';
import { shared } from './shared';

export const de: Catalog = {
  languageName: 'Deutsch',
  kiosk,
  help,
  console: consoleText,
  display,
  receipt,
  problems,
  accessibility,
  ...shared,
};
