import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { paths } from '../../app/paths';
import { RelativeTime } from '../../components/RelativeTime';
import { describeError } from '../../errors/messages';
import { formatDate, formatDateTime } from '../../lib/dates';

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
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (!state) {
    return (
      <section className="status-card" data-tone="neutral" aria-labelledby="this-computer-status">
        <Heading id="this-computer-status">This computer</Heading>
        {error ? (
          <>
            <p role="alert">We couldn’t check this computer’s protection. {describeError(error)}</p>
            <button type="button" className="button button-secondary" onClick={onRetry}>
              Try again
            </button>
          </>
        ) : (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" />
            Checking this computer…
          </p>
        )}
      </section>
    );
  }

  const { tone, title, body, action } = describe(state);
  return (
    <section className="status-card" data-tone={tone} aria-labelledby="this-computer-status">
      <StatusGlyph tone={tone} />
      <div className="status-card-body">
        <Heading id="this-computer-status">{title}</Heading>
        {body}
        {state.offline && (
          <p className="status-offline">
            You’re offline, so this comes from the last check
            {state.lastCheckedAt ? (
              <>
                {' '}
                (<RelativeTime iso={state.lastCheckedAt} />)
              </>
            ) : null}
            .
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

function describe(state: ThisComputerState): { tone: Tone; title: string; body: ReactNode; action: ReactNode } {
  const name = state.device?.name;
  switch (state.state) {
    case 'protected':
      return {
        tone: 'ok',
        title: 'This computer is protected',
        body: (
          <p>
            {name ? <>{name} is protected</> : 'Protected'}
            {state.protectedUntil ? (
              <>
                {' '}
                until{' '}
                <time dateTime={state.protectedUntil} title={formatDateTime(state.protectedUntil)}>
                  {formatDate(state.protectedUntil)}
                </time>
              </>
            ) : null}
            .
          </p>
        ),
        action: (
          <Link className="button button-secondary" to={paths.thisComputer}>
            See details
          </Link>
        ),
      };
    case 'unregistered':
      return {
        tone: 'warning',
        title: 'This computer isn’t protected',
        body: <p>Give it a seat on your subscription to turn protection on.</p>,
        action: (
          <Link className="button button-primary" to={paths.thisComputer}>
            Protect this computer
          </Link>
        ),
      };
    case 'removed':
      return {
        tone: 'danger',
        title: 'This computer was removed from your account',
        body: (
          <p>
            {state.removedAt ? (
              <>
                It was removed on{' '}
                <time dateTime={state.removedAt} title={formatDateTime(state.removedAt)}>
                  {formatDate(state.removedAt)}
                </time>
                , so it is no longer protected.
              </>
            ) : (
              'It is no longer protected.'
            )}{' '}
            Register it again to turn protection back on.
          </p>
        ),
        action: (
          <Link className="button button-primary" to={paths.thisComputer}>
            Register this computer again
          </Link>
        ),
      };
    case 'expired':
      return {
        tone: 'danger',
        title: 'Your subscription has expired',
        body: <p>This computer is no longer protected. Activate a new product key, or renew your subscription.</p>,
        action: (
          <div className="button-row">
            <Link className="button button-primary" to={paths.activate}>
              Activate a product key
            </Link>
            <Link className="button button-secondary" to={paths.subscriptions}>
              Renew
            </Link>
          </div>
        ),
      };
    case 'signedOut':
      return {
        tone: 'neutral',
        title: 'Not signed in',
        body: <p>Sign in to see whether this computer is protected.</p>,
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
