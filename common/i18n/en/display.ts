// The order status display above the counter, in English.

export const display = {
  noStoreTitle: 'Order status',
  noStore: 'This address does not name a store. Open the order status display at /display/?store=… on the kiosk’s store bus.',
  title: 'Your order',
  signInTitle: (store: string) => `Order status display · ${store}`,
  signInIntro: 'Sign in once with this screen’s store bus name and password (role "display": it can only read order numbers).',
  name: 'Display name',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInErrors: {
    wrong_pin: 'Wrong name or password.',
    refused: 'Sign-in refused. Check the name and password in the store bus users file.',
    unreachable: 'Cannot reach the store bus. Check the network; this screen tries again.',
  },
  preparing: 'Preparing',
  ready: 'Ready',
  noneReady: 'Nothing to collect yet',
  nonePreparing: 'No orders in the kitchen',
  count: (count: number) => (count === 1 ? '1 order' : `${count} orders`),
  readyHint: 'When your number shows under Ready, collect your order.',
  connectionLost: 'Connection to the store bus lost. Reconnecting…',
};

export type DisplayMessages = typeof display;
