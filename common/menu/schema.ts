// The menu model and the store config, as zod schemas: the single source of
// truth for validation, TypeScript types and the generated JSON Schema.
// Pure: no I/O, no UI. Cross-references (ids that must exist) are checked in validate.ts.
import { z } from 'zod';
import { accessibilityConfig } from '../accessibility/config-schema';
import { ALLERGENS } from './allergens';
import { brandTheme } from './theme-schema';

export const MENU_SCHEMA_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "big-burger"');

/** Every ISO 4217 code this JavaScript engine knows (Intl formats these; anything else it may refuse). */
const ISO_CURRENCIES: ReadonlySet<string> | undefined = typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : undefined;

/** An ISO 4217 currency code such as "EUR": the one schema for every currency field (menu, store, orders, messages). */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
  .refine((code) => ISO_CURRENCIES === undefined || ISO_CURRENCIES.has(code), {
    message: 'is not an ISO 4217 currency code (e.g. "EUR", "USD", "CHF")',
    // One message per field: only a well-formed code is looked up.
    when: (payload) => payload.issues.length === 0,
  });

export const localeCode = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale code such as "en" or "de-DE"');

/** Text in every menu locale, e.g. { "en": "Fries", "de": "Pommes" }. Completeness is checked in validate.ts. */
export const localizedText = z.record(localeCode, z.string().min(1, 'must not be empty'));

/** Money in minor units (cents). Deltas may be negative. */
export const minorUnits = z.number().int('must be a whole number of minor units (cents)');
export const priceMinor = minorUnits.nonnegative('must not be negative');
export const calories = z.number().int('must be whole kcal').nonnegative('must not be negative');

export { ALLERGENS, type Allergen } from './allergens';
export const allergen = z.enum(ALLERGENS);

/**
 * Whether something is vegetarian and vegan, as the operator declares it (there is no
 * allergen for meat). On an item: as it comes by default; on an option: whether adding it
 * keeps a line so. Absent means unknown: diet filters treat unknown as not meeting them,
 * and `menu:check` warns. Vegan implies vegetarian (checked by menu:check).
 */
export const dietFlags = z.object({ vegetarian: z.boolean(), vegan: z.boolean() }).strict();
export type DietFlags = z.infer<typeof dietFlags>;

/** A relative path inside the menu's folder: each segment starts with a letter or digit, so no "..", "." or empty segment. */
const imagePath = z
  .string()
  .max(200)
  .regex(/^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*\.(svg|png|jpg|jpeg|webp)$/, 'must be a relative image path inside the menu folder such as "images/fries.svg" (no "..")');

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM"');

/** When something is on sale, e.g. breakfast 06:00–10:30 every day. Days: 1 = Monday … 7 = Sunday. */
export const schedule = z
  .object({
    id,
    name: localizedText,
    days: z.array(z.number().int().min(1).max(7)).min(1, 'needs at least one day'),
    from: time,
    until: time,
  })
  .strict();

export const availability = z
  .object({
    soldOut: z.boolean().default(false),
    /** Schedule ids; the item is on sale while any of them is open. None means always. */
    scheduleIds: z.array(id).default([]),
  })
  .strict();

export const option = z
  .object({
    id,
    name: localizedText,
    priceDelta: minorUnits.default(0),
    calories: calories.default(0),
    allergens: z.array(allergen).default([]),
    /** Pre-selected when the customer opens the item. */
    isDefault: z.boolean().default(false),
    /** How many of this option one line may carry (e.g. extra cheese ×2). */
    maxQuantity: z.number().int().min(1).default(1),
    soldOut: z.boolean().default(false),
    diet: dietFlags.optional(),
  })
  .strict();

/**
 * A choice the customer makes: single (a radio group, e.g. bread) or multiple
 * (checkboxes with quantities, e.g. sauces up to 3, the first one free).
 */
export const optionGroup = z
  .object({
    id,
    name: localizedText,
    selection: z.enum(['single', 'multiple']),
    min: z.number().int().nonnegative().default(0),
    max: z.number().int().min(1),
    /** The first N chosen units are included in the price (their priceDelta is not charged). */
    freeQuantity: z.number().int().nonnegative().default(0),
    options: z.array(option).min(1, 'needs at least one option'),
  })
  .strict();

/** An ingredient that is in the item by default and can be left out ("no onions"). */
export const ingredient = z
  .object({
    id,
    name: localizedText,
    removable: z.boolean().default(true),
    calories: calories.default(0),
    allergens: z.array(allergen).default([]),
  })
  .strict();

export const size = z
  .object({
    id,
    name: localizedText,
    priceDelta: minorUnits.default(0),
    /** Calories of the whole item in this size (replaces the item's calories). */
    calories,
  })
  .strict();

export const item = z
  .object({
    id,
    name: localizedText,
    description: localizedText.optional(),
    image: imagePath,
    /** Gross (tax included), in the item's default size before size deltas. */
    price: priceMinor,
    /** kcal as it comes by default (sized items: the sizes' calories are used instead). */
    calories,
    /**
     * Allergens of the parts not listed as ingredients (e.g. the breading of nuggets).
     * What a customer sees is computed by pricing.ts: these, plus the ingredients not removed,
     * plus the options chosen.
     */
    allergens: z.array(allergen).default([]),
    diet: dietFlags.optional(),
    /** A tax class defined in the store config, e.g. "food" or "beverage". */
    taxClass: id,
    sizes: z.array(size).default([]),
    defaultSizeId: id.optional(),
    ingredients: z.array(ingredient).default([]),
    /** Option groups (defined once at menu level) in the order they are shown. */
    optionGroupIds: z.array(id).default([]),
    availability: availability.default({ soldOut: false, scheduleIds: [] }),
    /** Only offered inside meals (e.g. a side salad), not on its own. */
    mealOnly: z.boolean().default(false),
  })
  .strict();

export const mealSlotChoice = z
  .object({
    itemId: id,
    /** Upcharge for a premium choice inside the meal (e.g. sweet-potato fries +0.50). */
    priceDelta: minorUnits.default(0),
  })
  .strict();

export const mealSlot = z
  .object({
    id,
    kind: z.enum(['main', 'side', 'drink', 'dessert']),
    name: localizedText,
    choices: z.array(mealSlotChoice).min(1, 'needs at least one choice'),
    defaultItemId: id,
  })
  .strict();

/** A meal size ("medium", "large") sets the size of the side and drink items. */
export const mealSize = z
  .object({
    id,
    name: localizedText,
    priceDelta: minorUnits.default(0),
    /** slot id → the item size id used for that slot, e.g. { "side": "large", "drink": "large" }. */
    slotSizes: z.record(id, id).default({}),
  })
  .strict();

export const meal = z
  .object({
    id,
    name: localizedText,
    description: localizedText.optional(),
    image: imagePath,
    /** Price of the meal in its first size, including the default choices. */
    price: priceMinor,
    sizes: z.array(mealSize).min(1, 'needs at least one size'),
    slots: z.array(mealSlot).min(2, 'needs at least two slots'),
    availability: availability.default({ soldOut: false, scheduleIds: [] }),
  })
  .strict();

export const category = z
  .object({
    id,
    name: localizedText,
    image: imagePath,
    /** Item and meal ids in display order. */
    entryIds: z.array(id).min(1, 'needs at least one item or meal'),
  })
  .strict();

/**
 * Suggestions the kiosk may make, each at most once per order and dismissed in one tap; the
 * operator chooses them. Never pre-ticked: a suggestion adds nothing unless the customer says so.
 */
export const suggestions = z
  .object({
    /**
     * "Make it a meal?" when the item is added on its own: the meal with the item as its main
     * (the customer's choices on it kept, the meal's default side and drink).
     */
    makeItAMeal: z.array(z.object({ itemId: id, mealId: id }).strict()).default([]),
    /**
     * "Add a drink?" on the review when the order has no drink (no item listed here, no meal with
     * a drink slot): these drinks, each added as it comes in one tap.
     */
    addADrink: z
      .object({ itemIds: z.array(id).min(1, 'needs at least one drink').max(4, 'offers at most 4 drinks') })
      .strict()
      .optional(),
  })
  .strict();

export const menu = z
  .object({
    /** Lets editors find menu.schema.json; ignored by the kiosk. */
    $schema: z.string().optional(),
    schemaVersion: z.literal(MENU_SCHEMA_VERSION),
    id,
    /** Changes with every publication; the kiosk shows it in its status. */
    version: z.string().min(1),
    currency: currencyCode,
    locales: z.array(localeCode).min(1),
    defaultLocale: localeCode,
    schedules: z.array(schedule).default([]),
    optionGroups: z.array(optionGroup).default([]),
    items: z.array(item).min(1),
    meals: z.array(meal).default([]),
    categories: z.array(category).min(1),
    /** Item and meal ids the attract screen shows, in order (set by the operator); none: the first of each category. */
    featured: z.array(id).max(12, 'at most 12 featured entries (the attract screen shows them in turn)').default([]),
    suggestions: suggestions.default({ makeItAMeal: [] }),
  })
  .strict();

export type LocalizedText = z.infer<typeof localizedText>;
export type Schedule = z.infer<typeof schedule>;
export type Option = z.infer<typeof option>;
export type OptionGroup = z.infer<typeof optionGroup>;
export type Ingredient = z.infer<typeof ingredient>;
export type Size = z.infer<typeof size>;
export type Item = z.infer<typeof item>;
export type MealSlot = z.infer<typeof mealSlot>;
export type MealSize = z.infer<typeof mealSize>;
export type Meal = z.infer<typeof meal>;
export type Category = z.infer<typeof category>;
export type Suggestions = z.infer<typeof suggestions>;
export type Menu = z.infer<typeof menu>;

// ---------------------------------------------------------------- store config

export const serviceMode = z.enum(['eat_in', 'take_away']);
export type ServiceMode = z.infer<typeof serviceMode>;

/** A tax rate in basis points: 1900 = 19 %. */
export const taxRate = z
  .object({
    id,
    label: localizedText,
    basisPoints: z.number().int().min(0).max(10_000),
  })
  .strict();

/** Which rate applies to a tax class in each service mode (e.g. German food: 7 % either way since 2026). */
export const taxClassRule = z.object({ eat_in: id, take_away: id }).strict();

const serialPortConfig = z
  .object({
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .strict();
export type SerialPortConfig = z.infer<typeof serialPortConfig>;

export const storeConfig = z
  .object({
    storeId: id,
    storeName: z.string().min(1),
    address: z.array(z.string()).default([]),
    kioskId: id,
    /** Shown before the daily order counter, e.g. "B" → "B-042". */
    orderPrefix: z.string().regex(/^[A-Z]{1,2}$/, 'must be one or two capital letters'),
    locale: localeCode,
    currency: currencyCode,
    timezone: z.string().min(1).default('Europe/Berlin'),
    /**
     * The store's country (ISO 3166, e.g. "DE"): dates, times and numbers on paper follow its
     * conventions whatever the customer's language. Absent: the region of `locale`, if it names one.
     */
    region: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as "DE"').optional(),
    tax: z
      .object({
        rates: z.array(taxRate).min(1),
        classes: z.record(id, taxClassRule),
      })
      .strict(),
    /**
     * The highest order total (minor units) the kiosk takes: the host refuses to place or charge
     * an order above it. An upper bound against a tampered or mistaken amount; default 1,000.00.
     */
    maxOrderTotalMinor: z.number().int().positive().default(100_000),
    /** Serial devices; absent means the built-in simulators are used. */
    devices: z
      .object({
        printer: serialPortConfig.extend({ model: z.enum(['epson', 'star']).default('epson') }).strict().optional(),
        // ZVT over RS-232 is 8N2 by convention: two stop bits unless the store config says otherwise.
        terminal: serialPortConfig.extend({ password: z.string().regex(/^\d{6}$/).default('000000'), stopBits: z.union([z.literal(1), z.literal(2)]).default(2) }).strict().optional(),
      })
      .strict()
      .default({}),
    /** Store bus; absent means the embedded broker. */
    storeBus: z
      .object({
        url: z.string().min(1),
        username: z.string().min(1),
        password: z.string().min(1),
      })
      .strict()
      .optional(),
    /** Seconds of no touch before "Do you need more time?", then seconds more before the session resets. */
    inactivity: z
      .object({ promptAfterSeconds: z.number().int().min(5).default(60), resetAfterSeconds: z.number().int().min(5).default(30) })
      .strict()
      .default({ promptAfterSeconds: 60, resetAfterSeconds: 30 }),
    /** Speech and keypad, reach mode, speech rate: common/accessibility/config.ts. */
    accessibility: accessibilityConfig.optional(),
    /** Logo, colours (text pairs checked for 4.5:1 contrast) and font files: common/menu/theme.ts. */
    theme: brandTheme.optional(),
    /** Where customers collect their order, in the store's languages: the confirmation screen says it. */
    collectionPoint: localizedText.optional(),
    /**
     * Staff mode's guardrails. Cancelling an order always needs a manager (users file: "manager": true);
     * a comp whose waived total is above managerCompAbove (minor units of the store's currency) does too.
     * Without managerCompAbove any staff member may comp.
     */
    staffMode: z.object({ managerCompAbove: z.number().int().min(0).optional() }).strict().default({}),
  })
  .strict();
export type StoreConfig = z.infer<typeof storeConfig>;
export type TaxRate = z.infer<typeof taxRate>;

/**
 * What the page may know of the store config: everything it shows and prices with, but
 * no device ports or terminal password and no store-bus URL or credentials. The page
 * caches it (localStorage) and may log it; secrets stay in the host.
 */
export const publicStoreConfig = storeConfig.omit({ devices: true, storeBus: true });
export type PublicStoreConfig = z.infer<typeof publicStoreConfig>;

export function publicStoreConfigOf(store: StoreConfig): PublicStoreConfig {
  const { devices: _devices, storeBus: _storeBus, ...shown } = store;
  return shown;
}
