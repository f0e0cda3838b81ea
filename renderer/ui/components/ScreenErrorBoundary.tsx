// A screen that throws while rendering (bad data, a bug) must not blank the kiosk.
// The boundary shows "One moment…", tries the screen again on its own with a growing
// pause, and after a few failures steps back to a screen that shows the same order
// another way (review → cart → menu). Nothing here touches the order: it lives in the
// store and in Dexie, and a step back keeps every line.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { retryDelayMs } from '../../../common/backoff';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { KioskState } from '../../state/types';

export interface ErrorBoundaryProps {
  /** A change (the screen) clears the error and the retry count. */
  resetKey: string;
  /** Shown while the screen is being retried. */
  message: string;
  /** Called after `maxRetries` failed retries; retrying goes on with the longest pause unless it moves on. */
  onGiveUp?: () => void;
  maxRetries?: number;
  retry?: { baseMs: number; maxMs: number };
  onError?: (error: unknown, info: ErrorInfo) => void;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
  resetKey: string;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Failures on this screen in a row (not state: counting must not wait for a render). */
  private failures = 0;

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    // Another screen: start afresh (the error belonged to the one we left).
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (previous.resetKey === this.props.resetKey) return;
    this.failures = 0;
    clearTimeout(this.timer);
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.failures += 1;
    const failures = this.failures;
    (this.props.onError ?? reportRenderError)(error, info);
    const maxRetries = this.props.maxRetries ?? 2;
    if (failures > maxRetries && this.props.onGiveUp) {
      this.props.onGiveUp();
      return;
    }
    clearTimeout(this.timer);
    const delay = retryDelayMs(failures, this.props.retry ?? { baseMs: 1_000, maxMs: 30_000 });
    this.timer = setTimeout(() => this.setState({ failed: false }), delay);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="screen status-screen">
        <h1 role="status">{this.props.message}</h1>
      </main>
    );
  }
}

const reportRenderError = (error: unknown, info: ErrorInfo): void => {
  console.error('A kiosk screen failed to render; retrying', error, info.componentStack);
};

/** Where a screen that keeps failing steps back to, with the order kept; null: keep retrying there. */
export function stepBackFrom(screen: KioskState['screen'], state: Pick<KioskState, 'goTo' | 'closeCustomizer'>): (() => void) | null {
  if (screen === 'review') return () => state.goTo('menu');
  if (screen === 'customize') return () => state.closeCustomizer();
  // The payment screen only shows a payment that runs on without it; the others have nowhere safer to go.
  return null;
}

/** The boundary around the screen on show (which trails the state's by a transition), wired to the kiosk state and language. */
export function ScreenErrorBoundary({ screen, children }: { screen: KioskState['screen']; children: ReactNode }) {
  const { t } = useI18n();
  const goTo = useKiosk((state) => state.goTo);
  const closeCustomizer = useKiosk((state) => state.closeCustomizer);
  const stepBack = stepBackFrom(screen, { goTo, closeCustomizer });
  return (
    <ErrorBoundary resetKey={screen} message={t.resumeChecking} {...(stepBack ? { onGiveUp: stepBack } : {})}>
      {children}
    </ErrorBoundary>
  );
}
