// The kiosk wears the store's theme (store config `theme`, checked for contrast by the host):
// custom properties on the root element, mapped onto the kiosk's palette in theme.css.
import { useEffect } from 'react';
import { useKiosk } from '../../state/StoreProvider';
import { applyBrandTheme } from './apply-theme';
import './theme.css';

export function useBrandTheme(): void {
  const theme = useKiosk((state) => state.store?.theme);
  useEffect(() => applyBrandTheme(document.documentElement, theme), [theme]);
}
