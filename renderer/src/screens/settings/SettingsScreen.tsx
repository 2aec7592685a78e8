import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { ChangePasswordSection } from './ChangePasswordSection';
import { DesktopSection } from './DesktopSection';
import { LanguageSection } from './LanguageSection';
import { NotificationsSection } from './NotificationsSection';
import { SessionsSection } from './SessionsSection';
import { TwoStepSection } from './TwoStepSection';
import { UpdatesSection } from './UpdatesSection';
// Dialogs and the danger button are styled there, with the screens that first used them.
import '../../styles/page-parts.css';
import '../../styles/security.css';

/** Settings: language, security, updates, notifications and (in the desktop app) the desktop. */
export function SettingsScreen() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('settings.title')} />
      <LanguageSection />
      <section className="settings-group" aria-labelledby="security-heading">
        <h2 id="security-heading">
          <T id="settings.security.heading" />
        </h2>
        <TwoStepSection />
        <SessionsSection />
        <ChangePasswordSection />
      </section>
      <UpdatesSection />
      <NotificationsSection />
      <DesktopSection />
    </>
  );
}
