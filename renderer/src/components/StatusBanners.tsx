import { T } from '../i18n/use-t';
import { useNetworkStore } from '../stores/network-store';
import { selectStorage, useSessionStore } from '../stores/session-store';

/** Standing conditions the person should know about: no internet or no account service, no key store. */
export function StatusBanners() {
  const online = useNetworkStore((s) => s.online);
  const reason = useNetworkStore((s) => s.reason);
  const storage = useSessionStore(selectStorage);
  return (
    <div className="banners" role="status">
      {!online && (
        <p className="banner banner-warning">
          <T id={reason === 'service-unreachable' ? 'common.serviceUnreachable' : 'common.offline'} values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
        </p>
      )}
      {storage === 'memory' && (
        <p className="banner banner-info">
          <T id="common.noKeyStore" />
        </p>
      )}
    </div>
  );
}
