import { defaultSettings, type Settings, settingsSchema } from '../../../shared/contract/settings';
import type { AppEvents } from '../events/app-events';
import { type Logger, silentLogger } from '../log/logger';
import type { KeyValueStore } from '../storage/key-value-store';

export { defaultSettings };

export type SettingsPatch = { [K in keyof Settings]?: Settings[K] | undefined };

export interface SettingsService {
  get(): Settings;
  /** Changes what is given, keeps the rest, remembers it, and answers with all of it. */
  update(patch: SettingsPatch): Settings;
}

const KEY = 'settings';

/** The settings as stored, each one validated: a missing or damaged one reads as its default. */
export function readSettings(store: KeyValueStore, logger: Logger = silentLogger): Settings {
  const stored = store.get(KEY);
  const fields = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const settings = { ...defaultSettings };
  for (const name of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (!(name in fields)) continue;
    // An object setting from an older file may lack a newer switch: that switch reads as its default.
    const value = name === 'notifications' ? notificationsFrom(fields[name]) : fields[name];
    const parsed = settingsSchema.shape[name].safeParse(value);
    if (parsed.success) (settings as Record<keyof Settings, unknown>)[name] = parsed.data;
    else logger.warn('a stored setting is not valid; using its default', { setting: name });
  }
  return settings;
}

function notificationsFrom(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
  const known = Object.fromEntries(
    Object.entries(stored).filter(([kind]) => kind in defaultSettings.notifications),
  );
  return { ...defaultSettings.notifications, ...known };
}

/**
 * What a person set in Settings, remembered across restarts. Every read is validated: a
 * setting that is missing or damaged on disk reads as its default, and the others stand.
 * A change is published as `settings.changed`.
 */
export function createSettingsService({
  store,
  events,
  logger = silentLogger,
}: {
  store: KeyValueStore;
  events: AppEvents;
  logger?: Logger;
}): SettingsService {
  const get = () => readSettings(store, logger);

  return {
    get,
    update(patch) {
      const before = get();
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = settingsSchema.parse({ ...before, ...given });
      store.set(KEY, next);
      if (JSON.stringify(next) !== JSON.stringify(before)) events.emit('settings.changed', next);
      return next;
    },
  };
}
