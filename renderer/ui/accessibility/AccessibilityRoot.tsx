// The display modes live on the root element, so plain CSS (accessibility.css) applies them to
// every screen and dialog: high contrast, less motion, text size, and reach mode with the band
// of the screen that lies 380–1220 mm above the floor (from the store config), else the lower half.
import { useEffect } from 'react';
import { accessibilitySettings, reachableScreenBand } from '../../../common/accessibility/config';
import { useKiosk } from '../../state/StoreProvider';
import './accessibility.css';

export const AccessibilityRoot = () => {
  const a11y = useKiosk((state) => state.a11y);
  const storeConfig = useKiosk((state) => state.store);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('high-contrast', a11y.highContrast);
    root.classList.toggle('less-motion', a11y.lessMotion);
    root.classList.toggle('text-150', a11y.textScale === 1.5);
    root.classList.toggle('text-200', a11y.textScale === 2);
    root.classList.toggle('speech-mode', a11y.speech);
    // A screen mounted entirely out of reach: the lower half is the best the kiosk can do.
    const band = reachableScreenBand(accessibilitySettings(storeConfig?.accessibility).screen) ?? { top: 0.5, bottom: 1 };
    root.classList.toggle('reach', a11y.reach);
    root.style.setProperty('--reach-top', `${(band.top * 100).toFixed(3)}vh`);
    root.style.setProperty('--reach-bottom', `${((1 - band.bottom) * 100).toFixed(3)}vh`);
  }, [a11y.highContrast, a11y.lessMotion, a11y.textScale, a11y.reach, a11y.speech, storeConfig]);

  return null;
};
