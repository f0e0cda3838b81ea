// A panel that fails to render shows that it is broken; the other panels keep working, and the
// panel tries again when its data changes (the next message may fix it).
import { Component, type ReactNode } from 'react';
import { useConsoleI18n } from '../i18n';

interface Props {
  /** Changes when the panel's data changes: a new value gives the panel another try. */
  resetKey: unknown;
  children: ReactNode;
}

class Boundary extends Component<Props & { fallback: string }, { failedFor: unknown; failed: boolean }> {
  override state = { failed: false, failedFor: undefined as unknown };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: { failedFor: unknown; failed: boolean }) {
    if (state.failed && state.failedFor === undefined) return { failedFor: props.resetKey };
    if (state.failed && props.resetKey !== state.failedFor) return { failed: false, failedFor: undefined };
    return null;
  }

  override render() {
    if (this.state.failed) {
      return (
        <section className="panel broken" role="alert">
          {this.props.fallback}
        </section>
      );
    }
    return this.props.children;
  }
}

export function PanelBoundary({ resetKey, children }: Props) {
  const { t } = useConsoleI18n();
  return (
    <Boundary resetKey={resetKey} fallback={t.brokenPanel}>
      {children}
    </Boundary>
  );
}
