// Placeholder entry until the kiosk UI lands: asks the host for the startup data and shows the store name.
import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';
import { getKioskApi } from './api';

const Placeholder = () => {
  const [text, setText] = useState('Loading…');
  useEffect(() => {
    getKioskApi()
      .getStartup({})
      .then((startup) => setText(startup.store.storeName))
      .catch((error: unknown) => setText(`Could not start: ${error instanceof Error ? error.message : String(error)}`));
  }, []);
  return (
    <main>
      <h1>{text}</h1>
    </main>
  );
};

createRoot(document.getElementById('root')!).render(<Placeholder />);
