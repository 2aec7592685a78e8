import type { Handlers } from '../../../shared/contract/types';
import type { SettingsService } from './settings-service';

/** The `settings` area of the contract. */
export function createSettingsHandlers(settings: SettingsService): Pick<Handlers, 'settings'> {
  return {
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
    },
  };
}
