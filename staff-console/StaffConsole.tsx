// The staff console: sign in with name and PIN, then a live view of the store:
// help requests (oldest first, waiting time ticking), counter orders to mark
// paid, the order feed and kiosk health. Every action is an MQTT message.
import { useState } from 'react';
import type { ConsoleConnection } from './bus';
import { SignIn } from './components/SignIn';
import { Console } from './Console';

export function StaffConsole({ store, brokerUrl }: { store: string; brokerUrl: string }) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const [staffName, setStaffName] = useState('');
  if (!connection) {
    return (
      <SignIn
        store={store}
        brokerUrl={brokerUrl}
        onSignedIn={(name, signedIn) => {
          setStaffName(name);
          setConnection(signedIn);
        }}
      />
    );
  }
  return (
    <Console
      store={store}
      staffName={staffName}
      connection={connection}
      onSignOut={() => {
        connection.close();
        setConnection(null);
      }}
    />
  );
}
