// Warum eine Position noch nicht hinzugefügt werden kann, auf Deutsch.
import type { ProblemMessages } from '../en/problems';

export const problems: ProblemMessages = {
  unknown_item: (item) => `${item} ist nicht mehr auf der Speisekarte.`,
  unknown_meal: (meal) => `${meal} ist nicht mehr auf der Speisekarte.`,
  item_sold_out: (item) => `${item} ist ausverkauft.`,
  meal_sold_out: (meal) => `${meal} ist ausverkauft.`,
  meal_only: (item) => `${item} gibt es nur im Menü.`,
  unknown_size: (entry, size) => `${entry}: Die Größe ${size} gibt es nicht.`,
  choose_size: (item) => `${item}: Größe wählen.`,
  unknown_slot: (meal, slot) => `${meal}: ${slot} gehört nicht zu diesem Menü.`,
  choose_slot_item: (slot) => `${slot}: bitte eins wählen.`,
  slot_not_offered: (slot, item) => `${slot}: ${item} gibt es hier nicht.`,
  unknown_ingredient: (item, ingredient) => `${item} enthält kein ${ingredient}.`,
  ingredient_fixed: (item, ingredient) => `${item}: ${ingredient} kann nicht weggelassen werden.`,
  unknown_option_group: (item, group) => `${item}: ${group} gibt es nicht.`,
  unknown_option: (group, option) => `${group}: ${option} gibt es nicht.`,
  option_sold_out: (option) => `${option} ist ausverkauft.`,
  option_too_many: (option, max) => `${option}: höchstens ${max}.`,
  too_few: (group, min) => `${group}: mindestens ${min} wählen.`,
  too_many: (group, max) => `${group}: höchstens ${max} wählen.`,
};
