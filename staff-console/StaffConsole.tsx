// The staff console: sign in with name and PIN, then a live view of the store:
// help requests (oldest first, waiting time ticking), counter orders to settle,
// orders to mark ready, what is sold out, today's orders and kiosk health. Every
// action is an MQTT message.
import { useState } from 'react';
import type { ConsoleConnection } from './bus';
import { SignIn } from './components/SignIn';
import { Console } from './Console';

export function StaffConsole({ store, brokerUrl, undoSeconds }: { store: string; brokerUrl: string; undoSeconds: number }) {
  const [session, setSession] = useState<{ connection: ConsoleConnection; staffName: string; signedInAt: string } | null>(null);
  if (!session) {
    return <SignIn store={store} brokerUrl={brokerUrl} onSignedIn={(staffName, connection) => setSession({ staffName, connection, signedInAt: new Date().toISOString() })} />;
  }
  return (
    <Console
      store={store}
      staffName={session.staffName}
      signedInAt={session.signedInAt}
      connection={session.connection}
      undoSeconds={undoSeconds}
      onSignOut={(flush) => {
        void flush().finally(() => {
          session.connection.close();
          setSession(null);
        });
      }}
    />
  );
}
