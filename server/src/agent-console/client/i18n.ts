import deConsole from '../../../../shared/locales/de/agentConsole.json' with { type: 'json' };
import deErrors from '../../../../shared/locales/de/errors.json' with { type: 'json' };
import enConsole from '../../../../shared/locales/en/agentConsole.json' with { type: 'json' };
import enErrors from '../../../../shared/locales/en/errors.json' with { type: 'json' };
import type { Language } from '../../../../shared/i18n/languages';

const en = { ...enErrors, ...enConsole };
export type MessageId = keyof typeof en;
type Catalogue = Record<MessageId, string>;
// German must have every English key (the catalogue unit test checks it too).
const de: Catalogue = { ...deErrors, ...deConsole };
const catalogues: Record<Language, Catalogue> = { en, de };

/**
 * The console speaks the browser's first language that Palisade speaks, else English.
 * (Picked here rather than with shared/i18n's localeFor: that module brings zod into the bundle.)
 */
function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.split(/[-_]/)[0]?.toLowerCase();
    if (primary === 'en' || primary === 'de') return primary;
  }
  return 'en';
}
export const language: Language = pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
const catalogue = catalogues[language];

export const hasMessage = (id: string): id is MessageId => Object.hasOwn(catalogue, id);

/** A sentence of the catalogue with its `{placeholders}` filled in (the console's messages use no plurals). */
export function t(id: MessageId, values: Record<string, string> = {}): string {
  return catalogue[id].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string): string => dateTime.format(new Date(iso));

const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
/** How long ago `iso` was, in the largest unit that fits ("3 hours ago"). */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return relative.format(seconds, 'second');
}
