import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from './catalogues';

type PlainValues = Record<string, string | number | Date>;
type RichValues = Record<string, ReactNode | string | number | Date | ((chunks: ReactNode[]) => ReactNode)>;

/** `t('auth.signIn.title')`: a sentence from the catalogue, with ICU placeholders, plurals and selects. */
export function useT() {
  const intl = useIntl();
  return (id: MessageId, values?: PlainValues): string => intl.formatMessage({ id }, values);
}

/** A sentence with markup inside it: `<T id="…" values={{ link: (text) => <Link>{text}</Link> }} />`. */
export function T({ id, values }: { id: MessageId; values?: RichValues }) {
  return <FormattedMessage id={id} values={values as Record<string, ReactNode>} />;
}

/** Dates, times, numbers and lists in the user's locale. */
export function useFormat() {
  return useIntl();
}
