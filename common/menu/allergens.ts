// The allergens a menu declares, without zod: pricing, the dietary filter and the page's filter
// controls need the list at start; schema.ts builds the menu's allergen schema from it.
/** The 14 allergens the EU requires to be declared (Regulation 1169/2011, Annex II). */
export const ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];
