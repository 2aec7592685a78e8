import { useState } from 'react';
import '../../styles/this-computer.css';
import type { ThisComputerShares } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { readWhatThisComputerShares } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { usePlatformName } from '../devices/platform-names';
import { componentKindNames } from './fingerprint-component-names';

/**
 * "What this computer shares": everything registration sends — the name, OS, kind of
 * computer and app version in words, and each component's kind with the hash that is sent.
 * Asked for only when opened — the fingerprint is the main process's business otherwise.
 */
export function SharesDisclosure() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const platformName = usePlatformName();
  const [shares, setShares] = useState<ThisComputerShares | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    setLoading(true);
    setError(null);
    const result = await readWhatThisComputerShares(api);
    setLoading(false);
    if (result.ok) setShares(result.value);
    else setError(result.error);
  };

  return (
    <details
      className="disclosure"
      onToggle={(e) => {
        if (e.currentTarget.open && !shares && !loading) void load();
      }}
    >
      <summary>
        <T id="thisComputer.shares.summary" />
      </summary>
      <div className="disclosure-body">
        <p>
          <T id="thisComputer.shares.lead" />
        </p>
        {loading && (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" />
            <T id="thisComputer.shares.reading" />
          </p>
        )}
        {error && (
          <div role="alert" className="form-alert">
            <p>{describeError(error)}</p>
            <button type="button" className="button button-secondary" onClick={() => void load()}>
              <T id="common.tryAgain" />
            </button>
          </div>
        )}
        {shares && (
          <>
            <h3>
              <T id="thisComputer.shares.described" />
            </h3>
            <dl className="shares-list">
              <div>
                <dt>
                  <T id="thisComputer.shares.name" />
                </dt>
                <dd>{shares.name}</dd>
              </div>
              <div>
                <dt>
                  <T id="thisComputer.shares.os" />
                </dt>
                <dd>{shares.os}</dd>
              </div>
              <div>
                <dt>
                  <T id="thisComputer.shares.platform" />
                </dt>
                <dd>{platformName(shares.platform)}</dd>
              </div>
              <div>
                <dt>
                  <T id="thisComputer.shares.appVersion" />
                </dt>
                <dd>{shares.appVersion}</dd>
              </div>
            </dl>
            <h3>
              <T id="thisComputer.shares.codes" />
            </h3>
            <p>
              <T id="thisComputer.shares.body" />
            </p>
            <dl className="shares-list">
              {shares.components.map((c, i) => (
                <div key={`${c.kind}-${i}`}>
                  <dt>{t(componentKindNames[c.kind])}</dt>
                  <dd>
                    <code className="hash">{c.hash}</code>
                  </dd>
                </div>
              ))}
              <div>
                <dt>
                  <T id="thisComputer.shares.fingerprint" />
                </dt>
                <dd>
                  <code className="hash">{shares.fingerprint}</code>
                </dd>
              </div>
            </dl>
          </>
        )}
      </div>
    </details>
  );
}
