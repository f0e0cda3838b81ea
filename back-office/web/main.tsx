import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The kiosk's own styles, so the preview looks as a customer sees it; the back office's come after.
import '../../renderer/styles.css';
import './back-office.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
