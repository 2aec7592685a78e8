import { T } from '../i18n/use-t';

/** The shield and the name; the picture is decoration, the word is what a screen reader reads. */
export function BrandMark({ as: Tag = 'span' }: { as?: 'span' | 'h1' | 'p' }) {
  return (
    <Tag className="brand">
      <svg className="brand-shield" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
        <path d="M12 2.2 4 5.3v6.1c0 5 3.4 9.2 8 10.4 4.6-1.2 8-5.4 8-10.4V5.3L12 2.2Z" fill="var(--brand)" />
        <path
          d="m8.4 12.1 2.5 2.5 4.8-5"
          fill="none"
          stroke="var(--brand-contrast)"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="brand-name">
        <T id="common.productName" />
      </span>
    </Tag>
  );
}
