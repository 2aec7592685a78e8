import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

/** Every ASCII letter has an accented twin, so English that skipped the catalogue is easy to spot. */
const accented: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [
    letter,
    [...'ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ'][i] ?? letter,
  ]),
);

/** German and French run up to 40 % longer than English; the padding makes room for them in tests. */
const growth = 0.4;

function accent(text: string): string {
  return [...text].map((c) => accented[c] ?? c).join('');
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accent(element.value) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(
            Object.entries(element.options).map(([key, option]) => [key, { ...option, value: transform(option.value) }]),
          ),
        };
      case TYPE.tag:
        return { ...element, children: transform(element.children) };
      default:
        return element;
    }
  });
}

/** Letters a message shows, for sizing the padding (placeholders count as a short word). */
function visibleLength(elements: MessageFormatElement[]): number {
  return elements.reduce((sum, element) => {
    if (element.type === TYPE.literal) return sum + element.value.length;
    if (element.type === TYPE.tag) return sum + visibleLength(element.children);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      return sum + Math.max(0, ...Object.values(element.options).map((o) => visibleLength(o.value)));
    }
    return sum + 6;
  }, 0);
}

/**
 * One message of the pseudo-locale: its literal text accented, placeholders, plurals and
 * tags kept, wrapped in brackets and padded to 140 % of its length, e.g.
 * "Sign in" → "⟦Şīɠƞ īƞ ·~·⟧".
 */
export function pseudoLocalise(message: string): string {
  const ast = parse(message, { ignoreTag: false });
  const padding = Math.max(1, Math.round(visibleLength(ast) * growth));
  const pad = '·~'.repeat(Math.ceil(padding / 2)).slice(0, padding);
  return `⟦${printAST(transform(ast))} ${pad}⟧`;
}

/** A whole catalogue in the pseudo-locale. */
export function pseudoCatalogue<K extends string>(catalogue: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(catalogue).map(([key, message]) => [key, pseudoLocalise(message)])) as Record<K, string>;
}
