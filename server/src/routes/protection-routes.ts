import type { FastifyPluginAsync } from 'fastify';
import { LeaseSigner } from '../licence/lease-signer';
import type { Services } from '../services';
import { deviceRoutes } from './device-routes';
import { installInstallPage } from './install-page';
import { licenceRoutes } from './licence-routes';
import { subscriptionRoutes } from './subscription-routes';

/**
 * Protection in one registration: subscriptions and product keys, devices, the licence key
 * (loaded, or made on first start, from DATA_DIR) and the invitation install page.
 */
export const protectionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const leases = await LeaseSigner.load(services.config.dataDir);
  await app.register(subscriptionRoutes, { services });
  await app.register(deviceRoutes, { services, leases });
  await app.register(licenceRoutes, { leases });
  installInstallPage(app, services);
};
