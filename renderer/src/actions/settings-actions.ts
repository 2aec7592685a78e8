import type { LanguageChoice } from '../../../shared/i18n/languages';
import type { AppError, Result } from '../../../shared/errors';
import type { PalisadeApi } from '../../../shared/contract/types';
import { settle } from '../api/settle';
import { useLanguageStore } from '../i18n/language-store';
import { useSessionStore } from '../stores/session-store';

/** The choice is remembered; `accountError` says the account kept its old language (e-mails follow the account). */
export interface LanguageSaved {
  accountError: AppError | null;
}

/**
 * Settings → Language: the app speaks the choice at once, the main process remembers it,
 * and when someone is signed in an explicit language becomes the account's too, so e-mails
 * arrive in it. If it cannot be remembered, the app goes back to what it spoke before.
 */
export async function chooseLanguage(api: PalisadeApi, choice: LanguageChoice): Promise<Result<LanguageSaved>> {
  const language = useLanguageStore.getState();
  const before = language.choice;
  language.chose(choice);

  const saved = await settle(() => api.settings.update({ language: choice }));
  // A later choice made meanwhile is remembered in this one's place and speaks for itself.
  if (useLanguageStore.getState().choice !== choice) return { ok: true, value: { accountError: null } };
  if (!saved.ok) {
    useLanguageStore.getState().chose(before);
    return saved;
  }

  if (choice === 'system' || !useSessionStore.getState().session?.user)
    return { ok: true, value: { accountError: null } };
  const account = await settle(() => api.account.update({ language: choice }));
  return { ok: true, value: { accountError: account.ok ? null : account.error } };
}
