import type { FastifyPluginAsync } from 'fastify';
import { ComponentKeys } from '../devices/component-keys';
import { rekeyStoredComponents } from '../devices/rekey-components';
import { LeaseSigner } from '../licence/lease-signer';
import type { Services } from '../services';
import { deviceRoutes } from './device-routes';
import { installInstallPage } from './install-page';
import { licenceRoutes } from './licence-routes';
import { subscriptionRoutes } from './subscription-routes';

/**
 * Protection in one registration: subscriptions and product keys, devices, the licence key
 * and the component secret (loaded, or made on first start, from KEYS_DIR; the secret from
 * COMPONENT_SECRET when set) and the invitation install page. Devices stored before the
 * component secret are keyed with it here, once, before the first request.
 */
export const protectionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const leases = await LeaseSigner.load(services.config.keysDir);
  const keys = await ComponentKeys.load(services.config);
  const rekeyed = await rekeyStoredComponents(services.db, keys);
  if (rekeyed > 0) app.log.info({ devices: rekeyed }, 'hashed stored device components with the component secret');
  await app.register(subscriptionRoutes, { services });
  await app.register(deviceRoutes, { services, leases, keys });
  await app.register(licenceRoutes, { leases, now: services.now });
  installInstallPage(app, services);
};
