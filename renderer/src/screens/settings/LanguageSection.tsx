import { useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { languageChoices, languageOf, type LanguageChoice } from '../../../../shared/i18n/languages';
import { chooseLanguage } from '../../actions/settings-actions';
import { useApi } from '../../api/api-context';
import { FormAlert } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { useLanguageStore } from '../../i18n/language-store';
import { T, useT } from '../../i18n/use-t';

/**
 * Settings → Language: the system's language or one chosen here, applied at once and
 * remembered. Each language is named in itself, so someone who cannot read the current
 * one still finds their own.
 */
export function LanguageSection() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const choice = useLanguageStore((s) => s.choice);
  const systemLocale = useLanguageStore((s) => s.systemLocale);
  // Kept as the error, not a sentence: it is written in whichever language the app speaks by then.
  const [problem, setProblem] = useState<{ saved: boolean; error: AppError } | null>(null);

  const labelOf = (option: LanguageChoice) =>
    option === 'system'
      ? t('common.language.system', { language: t(`common.language.${languageOf(systemLocale)}`) })
      : t(`common.language.${option}`);

  const choose = async (next: LanguageChoice) => {
    setProblem(null);
    const result = await chooseLanguage(api, next);
    if (!result.ok) setProblem({ saved: false, error: result.error });
    else if (result.value.accountError) setProblem({ saved: true, error: result.value.accountError });
  };

  return (
    <section className="settings-group" aria-labelledby="language-heading">
      <h2 id="language-heading">
        <T id="settings.language.heading" />
      </h2>
      <div className="settings-section">
        {problem && (
          <FormAlert id="language-alert">
            <p>
              {t(problem.saved ? 'settings.language.accountFailed' : 'settings.language.saveFailed', {
                reason: describe(problem.error),
              })}
            </p>
          </FormAlert>
        )}
        <div
          className="choice-list"
          role="radiogroup"
          aria-labelledby="language-heading"
          aria-describedby="language-hint"
        >
          {languageChoices.map((option) => (
            <label key={option} className="field-check">
              <input
                type="radio"
                name="language"
                value={option}
                checked={choice === option}
                onChange={() => void choose(option)}
              />
              <span lang={option === 'system' ? undefined : option}>{labelOf(option)}</span>
            </label>
          ))}
        </div>
        <p id="language-hint" className="field-hint">
          <T id="settings.language.hint" />
        </p>
      </div>
    </section>
  );
}
