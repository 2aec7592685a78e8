import '../../styles/page-parts.css';
import { PageHeading } from '../../components/PageHeading';
import { useT } from '../../i18n/use-t';
import { CallSupportSection } from './CallSupportSection';
import { ChatWithUsSection } from './chat/ChatWithUsSection';
import { KnowledgeBaseSection } from './KnowledgeBaseSection';
import { ContactSupportSection } from './tickets/ContactSupportSection';

/**
 * The Support nav item's screen. A first frame so phone support is reachable; the knowledge
 * base's search and tickets join it as sections of their own, one line each below.
 */
export function HelpScreen() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('shell.nav.support')} />
      <KnowledgeBaseSection />
      <ChatWithUsSection />
      <ContactSupportSection />
      <CallSupportSection />
    </>
  );
}
