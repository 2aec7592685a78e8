import { useNetworkStore } from '../stores/network-store';
import { selectStorage, useSessionStore } from '../stores/session-store';

/** Standing conditions the person should know about: no network, no key store. */
export function StatusBanners() {
  const online = useNetworkStore((s) => s.online);
  const storage = useSessionStore(selectStorage);
  return (
    <div className="banners" role="status">
      {!online && (
        <p className="banner banner-warning">
          <strong>You’re offline.</strong> Palisade will catch up when your connection is back; changes can’t be made until then.
        </p>
      )}
      {storage === 'memory' && (
        <p className="banner banner-info">
          Your system has no secure key store, so you’ll need to sign in again next time you open Palisade.
        </p>
      )}
    </div>
  );
}
