import type { ReactNode } from 'react';
import '../../styles/this-computer.css';
import { Link } from 'react-router';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { paths } from '../../app/paths';
import { RelativeTime } from '../../components/RelativeTime';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { LongDate } from '../subscriptions/LongDate';

type Tone = 'ok' | 'warning' | 'danger' | 'neutral';

/**
 * This computer's protection in one card: the headline state, the date that matters, and
 * the next step. `actions` off on the This computer screen, which has the forms itself.
 */
export function ThisComputerStatus({
  state,
  error,
  onRetry,
  headingLevel = 2,
  actions = true,
}: {
  state: ThisComputerState | null;
  error: AppError | null;
  onRetry(): void;
  headingLevel?: 2 | 3;
  actions?: boolean;
}) {
  const t = useT();
  const describeError = useDescribeError();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (!state) {
    return (
      <section className="status-card" data-tone="neutral" aria-labelledby="this-computer-status">
        <Heading id="this-computer-status">
          <T id="thisComputer.title" />
        </Heading>
        {error ? (
          <>
            <p role="alert">
              {t('thisComputer.status.checkFailed')} {describeError(error)}
            </p>
            <button type="button" className="button button-secondary" onClick={onRetry}>
              <T id="common.tryAgain" />
            </button>
          </>
        ) : (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" />
            <T id="thisComputer.status.checking" />
          </p>
        )}
      </section>
    );
  }

  const { tone, title, titleValues, body, action } = describe(state);
  return (
    <section className="status-card" data-tone={tone} aria-labelledby="this-computer-status">
      <StatusGlyph tone={tone} />
      <div className="status-card-body">
        <Heading id="this-computer-status">{t(title, titleValues)}</Heading>
        {body}
        {state.offline && (
          <p className="status-offline">
            {state.lastCheckedAt ? (
              <T id="thisComputer.status.offlineSince" values={{ when: <RelativeTime iso={state.lastCheckedAt} /> }} />
            ) : (
              <T id="thisComputer.status.offline" />
            )}
          </p>
        )}
        {state.licenceKeyChanged && (
          <p className="status-warning">{describeError({ code: 'LICENCE_KEY_CHANGED', message: '' })}</p>
        )}
        {actions && action}
      </div>
    </section>
  );
}

type TitleId =
  | 'thisComputer.status.protected.title'
  | 'thisComputer.status.unregistered.title'
  | 'thisComputer.status.notThisDevice.title'
  | 'thisComputer.status.deactivated.title'
  | 'thisComputer.status.expired.title'
  | 'thisComputer.status.signedOut.title';

function describe(state: ThisComputerState): {
  tone: Tone;
  title: TitleId;
  titleValues?: Record<string, string>;
  body: ReactNode;
  action: ReactNode;
} {
  const name = state.device?.name;
  switch (state.state) {
    case 'protected': {
      const date = state.protectedUntil ? <LongDate iso={state.protectedUntil} /> : null;
      return {
        tone: 'ok',
        title: 'thisComputer.status.protected.title',
        body: (
          <p>
            {name && date ? (
              <T id="thisComputer.status.protected.namedUntil" values={{ name, date }} />
            ) : name ? (
              <T id="thisComputer.status.protected.named" values={{ name }} />
            ) : date ? (
              <T id="thisComputer.status.protected.until" values={{ date }} />
            ) : (
              <T id="thisComputer.status.protected.plain" />
            )}
          </p>
        ),
        action: (
          <Link className="button button-secondary" to={paths.thisComputer}>
            <T id="thisComputer.status.seeDetails" />
          </Link>
        ),
      };
    }
    case 'unregistered':
      // The service no longer recognises this computer as its device: say which, and what to do.
      if (state.formerDevice) {
        const former = state.formerDevice.name;
        return {
          tone: 'warning',
          title: 'thisComputer.status.notThisDevice.title',
          titleValues: { name: former },
          body: (
            <p>
              <T id="thisComputer.status.notThisDevice.body" values={{ name: former }} />
            </p>
          ),
          action: (
            <div className="button-row">
              <Link className="button button-primary" to={paths.thisComputer}>
                <T id="thisComputer.protect" />
              </Link>
              <Link className="button button-secondary" to={paths.moveHere}>
                <T id="thisComputer.move.title" />
              </Link>
            </div>
          ),
        };
      }
      return {
        tone: 'warning',
        title: 'thisComputer.status.unregistered.title',
        body: (
          <p>
            <T id="thisComputer.status.unregistered.body" />
          </p>
        ),
        action: (
          <Link className="button button-primary" to={paths.thisComputer}>
            <T id="thisComputer.protect" />
          </Link>
        ),
      };
    case 'removed':
      return {
        tone: 'danger',
        title: 'thisComputer.status.deactivated.title',
        body: (
          <p>
            {state.removedAt ? (
              <T id="thisComputer.status.deactivated.on" values={{ date: <LongDate iso={state.removedAt} /> }} />
            ) : (
              <T id="thisComputer.status.deactivated.body" />
            )}
          </p>
        ),
        action: (
          <Link className="button button-primary" to={paths.thisComputer}>
            <T id="thisComputer.protectAgain" />
          </Link>
        ),
      };
    case 'expired':
      return {
        tone: 'danger',
        title: 'thisComputer.status.expired.title',
        body: (
          <p>
            <T id="thisComputer.status.expired.body" />
          </p>
        ),
        action: (
          <div className="button-row">
            <Link className="button button-primary" to={paths.activate}>
              <T id="subscriptions.activateKey" />
            </Link>
            <Link className="button button-secondary" to={paths.subscriptions}>
              <T id="thisComputer.status.renew" />
            </Link>
          </div>
        ),
      };
    case 'signedOut':
      return {
        tone: 'neutral',
        title: 'thisComputer.status.signedOut.title',
        body: (
          <p>
            <T id="thisComputer.status.signedOut.body" />
          </p>
        ),
        action: null,
      };
  }
}

/** A shape per tone, so the state never rests on colour alone (the heading says it too). */
function StatusGlyph({ tone }: { tone: Tone }) {
  const shapes: Record<Tone, ReactNode> = {
    ok: <path d="m8 12.5 3 3 5-6" />,
    warning: <path d="M12 7.5v5m0 3.5v.01" />,
    danger: <path d="m9 9 6 6m0-6-6 6" />,
    neutral: <path d="M8 12h8" />,
  };
  return (
    <svg className="status-glyph" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
      <path className="status-glyph-shield" d="M12 2.2 4 5.3v6.1c0 5 3.4 9.2 8 10.4 4.6-1.2 8-5.4 8-10.4V5.3L12 2.2Z" />
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        {shapes[tone]}
      </g>
    </svg>
  );
}
