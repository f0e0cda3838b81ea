// What the receipt printer prints: the customer's receipt, the pay-at-counter ticket and
// the staff slip for a payment in doubt. Plain ASCII where a printer code page may lack a letter.
export const receipt = {
  order: 'Order',
  eatIn: 'EAT IN',
  takeAway: 'TAKE AWAY',
  total: 'TOTAL',
  net: 'Net',
  tax: 'Tax',
  gross: 'Gross',
  paidByCard: 'Paid by card',
  card: 'Card',
  authCode: 'Auth code',
  receiptNo: 'Terminal receipt',
  trace: 'Trace',
  terminal: 'Terminal',
  reprint: '*** REPRINT ***',
  thankYou: 'Thank you!',
  payAtCounter: 'PAY AT THE COUNTER',
  payAtCounterHint: 'Please show this ticket at the counter and pay there.',
  amountDue: 'Amount due',
  unresolvedPayment: 'STAFF: PAYMENT NOT CONFIRMED',
  unresolvedHint: 'Check the card terminal journal before charging again.',
  amount: 'Amount',
  started: 'Started',
  reason: 'Reason',
  orderId: 'Order id',
  no: 'no',
  /** The staff slip's reason when the kiosk gave none. */
  outcomeUnknown: 'payment outcome unknown',
};

export type ReceiptMessages = typeof receipt;
