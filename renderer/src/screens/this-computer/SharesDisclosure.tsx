import { useState } from 'react';
import type { DeviceFingerprint } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { describeError } from '../../errors/messages';
import { componentKindNames } from './fingerprint-component-names';

/**
 * "What this computer shares": each component's kind in words and the hash that is sent.
 * Asked for only when opened — the fingerprint is the main process's business otherwise.
 */
export function SharesDisclosure() {
  const api = useApi();
  const [shares, setShares] = useState<DeviceFingerprint | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    setLoading(true);
    setError(null);
    const result = await settle(() => api.thisComputer.shares({}));
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
      <summary>What this computer shares</summary>
      <div className="disclosure-body">
        <p>
          To recognise this computer, Palisade reads a few hardware and system identifiers. Each one is turned into a
          one-way code (HMAC-SHA256) on this computer before anything is sent, so the raw serial numbers never leave it.
          The service sees only these codes:
        </p>
        {loading && (
          <p role="status" className="muted">
            <span className="spinner" aria-hidden="true" />
            Reading this computer’s identifiers…
          </p>
        )}
        {error && (
          <div role="alert" className="form-alert">
            <p>{describeError(error)}</p>
            <button type="button" className="button button-secondary" onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
        {shares && (
          <dl className="shares-list">
            {shares.components.map((c, i) => (
              <div key={`${c.kind}-${i}`}>
                <dt>{componentKindNames[c.kind]}</dt>
                <dd>
                  <code className="hash">{c.hash}</code>
                </dd>
              </div>
            ))}
            <div>
              <dt>Fingerprint (a code made from all of the above)</dt>
              <dd>
                <code className="hash">{shares.fingerprint}</code>
              </dd>
            </div>
          </dl>
        )}
      </div>
    </details>
  );
}
