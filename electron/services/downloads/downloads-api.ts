import { downloadListSchema, type Download, type MobilePlatform } from '../../../shared/api/downloads';
import type { ApiClient } from '../api/api-client';

/** docs/api.md, "Downloads and updates" (the routes the app uses). */
export interface DownloadsApi {
  /** Signed in, so the activation steps come in the account's language. */
  list(): Promise<Download[]>;
  emailLink(platform: MobilePlatform): Promise<void>;
}

export function createDownloadsApi(client: ApiClient): DownloadsApi {
  return {
    list: () => client.request({ method: 'GET', path: '/v1/downloads', schema: downloadListSchema, auth: true }),
    emailLink: async (platform) => {
      await client.request({ method: 'POST', path: '/v1/downloads/email-link', body: { platform }, auth: true });
    },
  };
}
