// The shape of the kiosk store and what it needs from the outside world.
// Slices only see these types; main.tsx wires the real kiosk API and Dexie.
import type { Menu, PublicStoreConfig, ServiceMode } from '../../common/menu/schema';
import type { LineSelection } from '../../common/menu/selection';
import type { MealOffer } from '../../common/menu/suggestions';
import type { LineComp } from '../../common/order/order';
import type { AnalyticsEventInput } from '../../common/store-bus/messages';
import type { OrderDocument } from '../../common/order/order';
import type { AccessibilitySlice, SpeechDeps } from './accessibility-slice';
import type { PaymentDeps, PaymentSlice } from './payment-slice';
import type { StaffDeps } from './staff-deps';
import type { HelpSlice } from './help-slice';
import type { StaffModeSlice } from './staff-mode-slice';

export type Screen = 'attract' | 'service' | 'menu' | 'customize' | 'review' | 'payment' | 'confirmation';
/** The screens a draft is written on (never attract or confirmation). */
export type DraftScreen = Exclude<Screen, 'attract' | 'confirmation'>;
export type PaymentMethod = OrderDocument['paymentMethod'];

export interface CartLine {
  lineId: string;
  selection: LineSelection;
  /** Staff gave this line away (staff mode): it costs nothing. */
  comp?: LineComp;
}

/** What survives a renderer reload: written to Dexie on every cart change. */
export interface CartDraft {
  sessionId?: string;
  lines: CartLine[];
  serviceMode: ServiceMode | null;
  locale: string;
  /** Epoch ms of the session's first touch, so time to order survives a restart (absent in older drafts). */
  startedAt?: number;
  /** The screen the customer had reached: an abandonment after a restart is recorded there (absent in older drafts). */
  screen?: DraftScreen;
  /** ISO time of the last change, stamped by the data layer. */
  updatedAt?: string;
}

/** An order ready to be numbered and stored (the data layer assigns number, status and times). */
export type NewOrder = Omit<OrderDocument, 'orderNumber' | 'status' | 'placedAt' | 'updatedAt' | 'paymentMethod'>;

/** What the page records (common/store-bus/messages: the one analytics event type). */
export type SessionEvent = AnalyticsEventInput;

export interface Startup {
  store: PublicStoreConfig;
  menu: Menu;
  assetBase: string;
}

export interface KioskDeps {
  getStartup(): Promise<Startup>;
  placeOrder(order: NewOrder, method: PaymentMethod): Promise<OrderDocument>;
  saveDraft(draft: CartDraft): Promise<void>;
  loadDraft(): Promise<CartDraft | undefined>;
  clearDraft(): Promise<void>;
  /** Audit trail and analytics of the session (best effort: a failure never blocks the customer). */
  recordEvent(event: SessionEvent): Promise<unknown>;
  /** "Call staff" with its progress, and staff mode, through the store bus (help-slice.ts, staff-mode-slice.ts); absent: ask at the counter. */
  staff?: StaffDeps;
  /** Card payment and tickets through the host's devices (payment-slice.ts); absent: pay at the counter only. */
  payments?: PaymentDeps;
  /** Speech output through the host (accessibility-slice.ts); absent: speech mode says it is not available. */
  speech?: SpeechDeps;
  now(): Date;
  newId(): string;
}

/** Which part of the line a choice applies to: the item itself, or the item in a meal slot. */
export interface ChoiceTarget {
  slotId?: string;
}

export type CartChangeKind = 'added' | 'edited' | 'quantity' | 'removed' | 'undone';

export interface SessionSlice {
  screen: Screen;
  /** One customer's visit, from the first touch to the order or the reset. */
  session: { id: string; startedAt: number } | null;
  serviceMode: ServiceMode | null;
  locale: string;
  inactivityPrompt: boolean;
  /** Larger text for this customer (back to normal when the session ends). */
  largeText: boolean;
  placing: 'idle' | 'placing' | 'failed';
  /**
   * The order id of the checkout in progress: a retry after a failure reuses it, so the data
   * layer (idempotent per order id) never stores the same order twice. Cleared when the cart changes.
   */
  checkoutOrderId: string | null;
  lastOrder: OrderDocument | null;
  /** The "Call staff" dialog (the request itself is the staff slice's helpRequest). */
  help: { open: boolean };
  start(): void;
  /** Starts an order already eating in or taking away (the attract screen asks both in one tap). */
  startWith(mode: ServiceMode): void;
  chooseServiceMode(mode: ServiceMode): void;
  /** Changes eat in / take away without leaving the screen (the review offers it). */
  setServiceMode(mode: ServiceMode): void;
  goTo(screen: 'menu' | 'review' | 'payment'): void;
  setLocale(locale: string): void;
  toggleLargeText(): void;
  showInactivityPrompt(): void;
  extendSession(): void;
  resetSession(): Promise<void>;
  openHelp(): void;
  closeHelp(): void;
}

export interface MenuSlice {
  status: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  store: PublicStoreConfig | null;
  menu: Menu | null;
  assetBase: string;
  activeCategoryId: string | null;
  /** Recovery at start is still deciding what to show (nothing is offered to a customer yet). */
  recovering: boolean;
  /** A recent cart came back after a restart: "Continue your order?" is asked. */
  draftOffered: boolean;
  /** The screen the offered cart's customer had reached (the attract screen is under the dialog). */
  draftScreen: DraftScreen | null;
  /** Loads the menu and store config, brings back a recent cart, then runs recoverAtStart. */
  loadStartup(): Promise<void>;
  /** Payments in doubt and unseen confirmations first (recoverPayments), then the cart is offered. */
  recoverAtStart(): Promise<void>;
  /** "Continue my order": the offered cart, on the cart screen. */
  continueDraft(): void;
  /** "Start over": the offered cart is cleared (abandoned at draftScreen), the attract screen returns. */
  discardDraft(): Promise<void>;
  selectCategory(categoryId: string): void;
}

export interface CartSlice {
  lines: CartLine[];
  /** The lines before the last change, so that change can be undone once. */
  undoable: { kind: Exclude<CartChangeKind, 'undone'>; previousLines: CartLine[]; selection: LineSelection } | null;
  /** Increases with every change so the live region announces repeats too. */
  lastChange: { kind: CartChangeKind; selection: LineSelection | null; seq: number } | null;
  /** `alongside`: more state set in the same change (the customiser closing as its line is added: one update, not two, for every subscriber). */
  addLine(selection: LineSelection, alongside?: Partial<KioskState>): string;
  replaceLine(lineId: string, selection: LineSelection, alongside?: Partial<KioskState>): void;
  setQuantity(lineId: string, quantity: number): void;
  removeLine(lineId: string): void;
  /** Staff mode: gives a line away (its price becomes 0), or takes the comp back with null. */
  setLineComp(lineId: string, comp: LineComp | null): void;
  undo(): void;
  clearCart(): void;
}

export interface CustomizerSlice {
  customizer: { origin: { kind: 'new' } | { kind: 'edit'; lineId: string }; selection: LineSelection } | null;
  openCustomizer(entry: { kind: 'item'; itemId: string } | { kind: 'meal'; mealId: string }): void;
  editLine(lineId: string): void;
  setSize(sizeId: string): void;
  toggleIngredient(target: ChoiceTarget, ingredientId: string): void;
  setOptionQuantity(target: ChoiceTarget, groupId: string, optionId: string, quantity: number): void;
  /** An optional single choice's "None": whatever the group holds now is taken back. */
  clearOptionGroup(target: ChoiceTarget, groupId: string): void;
  chooseSlotItem(slotId: string, itemId: string): void;
  setCustomizerQuantity(quantity: number): void;
  commitCustomizer(): void;
  closeCustomizer(): void;
}

export type SuggestionKind = 'make_it_a_meal' | 'add_a_drink';

export interface SuggestionSlice {
  /** The suggestion on screen, if any (the meal's on the menu, the drink's on the review). */
  suggestion: { kind: 'make_it_a_meal'; lineId: string; offer: MealOffer } | { kind: 'add_a_drink' } | null;
  /** The kinds shown in this order: each at most once per order. */
  suggested: SuggestionKind[];
  /** After a line was added: "Make it a meal?" when the menu has a meal for it. */
  suggestMealFor(lineId: string, added: LineSelection): void;
  /** On the review: "Add a drink?" when the order has none. */
  suggestDrink(): void;
  acceptMeal(): void;
  addSuggestedDrink(itemId: string): void;
  dismissSuggestion(): void;
}

export type KioskState = SessionSlice & MenuSlice & CartSlice & CustomizerSlice & SuggestionSlice & HelpSlice & StaffModeSlice & PaymentSlice & AccessibilitySlice;
