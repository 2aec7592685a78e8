import { PageHeading } from '../../components/PageHeading';
import { ChangePasswordSection } from './ChangePasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoStepSection } from './TwoStepSection';
// Dialogs and the danger button are styled there, with the screens that first used them.
import '../../styles/protection.css';
import '../../styles/security.css';

/** Settings: Security is built (issue 4); the rest of the page says plainly what is still to come. */
export function SettingsScreen() {
  return (
    <>
      <PageHeading title="Settings" />
      <section className="settings-group" aria-labelledby="security-heading">
        <h2 id="security-heading">Security</h2>
        <TwoStepSection />
        <SessionsSection />
        <ChangePasswordSection />
      </section>
      <section className="settings-group" aria-labelledby="other-settings-heading">
        <h2 id="other-settings-heading">Notifications, language and updates</h2>
        <p className="muted">These settings are coming soon.</p>
      </section>
    </>
  );
}
