import { type Language, languageOf, localeFor } from '../../../shared/i18n/languages';

/**
 * The language to answer a browser in, from its `Accept-Language` header (RFC 9110 §12.5.4):
 * its tags by preference (`q`, highest first, the header's order among equals; `q=0` means
 * "not this one"), the first one Palisade speaks; English when none is.
 */
export function requestLanguage(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), quality: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return languageOf(localeFor(ranked.map((entry) => entry.tag)));
}
