// What a client of the kiosk contract needs without its schemas: the calls' names (one function per
// call) and the limits it keeps. The page loads this with its first script; zod and the schemas stay
// out of it (the host checks every input and output). contract/index.ts fails to compile if the
// names differ from its calls.
export const CALL_NAMES = [
  'getStartup',
  'getMenu',
  'callStaff',
  'cancelHelpRequest',
  'getHelpRequest',
  'getStoreBusStatus',
  'getAvailability',
  'deliverOutboxMessages',
  'verifyStaffPin',
  'endStaffSession',
  'logStaffAction',
  'resolveHelpRequest',
  'placeOrder',
  'getDeviceStatus',
  'payByCard',
  'abortPayment',
  'resolvePayment',
  'printTicket',
  'getTicketStatus',
  'say',
  'stopSpeech',
  'repeatSpeech',
  'getSpeechStatus',
] as const;

/** One utterance at most this long (say): a screen summary or an item with its options fits; a menu does not. */
export const MAX_UTTERANCE_CHARS = 2000;
