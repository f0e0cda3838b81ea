// Gemeinsame Wörter von Kiosk, Personalkonsole und Drucker, auf Deutsch.
import type { SharedMessages } from '../en/shared';

export const shared: SharedMessages = {
  compReasons: { long_wait: 'Lange Wartezeit', wrong_item: 'Falscher Artikel', goodwill: 'Kulanz', staff_meal: 'Personalessen', other: 'Sonstiges' },
  compedBy: (by, reason) => `Aufs Haus von ${by}: ${reason}`,
  outcomes: {
    helped: 'Geholfen',
    order_taken_to_counter: 'Bestellung an die Theke übernommen',
    payment_resolved: 'Zahlung geklärt',
    no_one_there: 'Niemand da',
    cancelled_by_customer: 'Vom Gast zurückgezogen',
    other: 'Sonstiges',
  },
  staffReasons: {
    help_with_order: 'Hilfe bei der Bestellung',
    payment_problem: 'Problem mit der Zahlung',
    accessibility: 'Hilfe zur Barrierefreiheit',
    allergy_question: 'Frage zu Allergenen',
    other: 'Sonstiges',
  },
  orderStatuses: {
    draft: 'Entwurf',
    placed: 'aufgegeben',
    payment_pending: 'Zahlung läuft',
    payment_unknown: 'Zahlung unklar',
    paid: 'bezahlt',
    receipt_printed: 'Beleg gedruckt',
    receipt_failed: 'Beleg nicht gedruckt',
    awaiting_counter_payment: 'wartet auf Zahlung an der Theke',
    queued: 'in der Warteschlange',
    delivered: 'übermittelt',
    cancelled: 'storniert',
  },
  errors: {
    bad_request: 'der Kiosk hat etwas gesendet, das der Host nicht annehmen konnte',
    unknown_call: 'der Host kennt diese Aktion nicht',
    unavailable: 'das Filialsystem ist gerade nicht erreichbar',
    shutting_down: 'der Kiosk wird heruntergefahren',
    device_unavailable: 'Drucker oder Kartenterminal sind nicht verfügbar',
    wrong_pin: 'Name oder PIN falsch',
    locked_out: 'nach mehreren falschen PINs gesperrt',
    session_ended: 'die Personalsitzung ist beendet; bitte neu anmelden',
    forbidden: 'das ist nicht erlaubt',
    already_paid: 'die Bestellung ist schon bezahlt',
    payment_in_doubt: 'eine frühere Zahlung dieser Bestellung wird noch geprüft',
    failed: 'etwas ist schiefgegangen',
  },
};
