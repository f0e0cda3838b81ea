// Die Bestellstatus-Anzeige über der Theke, auf Deutsch.
import type { DisplayMessages } from '../en/display';

export const display: DisplayMessages = {
  noStoreTitle: 'Bestellstatus',
  noStore: 'Diese Adresse nennt keine Filiale. Öffnen Sie die Bestellstatus-Anzeige unter /display/?store=… am Store-Bus des Kiosks.',
  title: 'Ihre Bestellung',
  signInTitle: (store: string) => `Bestellstatus-Anzeige · ${store}`,
  signInIntro: 'Einmal mit dem Store-Bus-Namen und Passwort dieses Bildschirms anmelden (Rolle „display“: er kann nur Bestellnummern lesen).',
  name: 'Name der Anzeige',
  password: 'Passwort',
  signIn: 'Anmelden',
  signingIn: 'Anmeldung läuft…',
  signInErrors: {
    wrong_pin: 'Name oder Passwort falsch.',
    refused: 'Anmeldung abgelehnt. Prüfen Sie Name und Passwort in der Store-Bus-Benutzerdatei.',
    unreachable: 'Der Store-Bus ist nicht erreichbar. Prüfen Sie das Netzwerk; dieser Bildschirm versucht es weiter.',
  },
  preparing: 'In Zubereitung',
  ready: 'Abholbereit',
  noneReady: 'Noch nichts abzuholen',
  nonePreparing: 'Keine Bestellungen in der Küche',
  count: (count: number) => (count === 1 ? '1 Bestellung' : `${count} Bestellungen`),
  readyHint: 'Sobald Ihre Nummer unter „Abholbereit“ steht, holen Sie Ihre Bestellung ab.',
  connectionLost: 'Verbindung zum Store-Bus unterbrochen. Verbinde neu…',
};
