import type { Language } from '../../../../shared/i18n/languages';

/** PostgreSQL's text search configuration for each language's stemming and stop words. */
const configs: Record<Language, string> = { en: 'english', de: 'german' };

export const textSearchConfig = (language: Language): string => configs[language];
