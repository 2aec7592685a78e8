import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { signOut } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { navItems, paths } from '../../app/paths';
import { PageLoading } from '../../app/BootScreens';
import { AccountMenu } from '../../components/AccountMenu';
import { BrandMark } from '../../components/BrandMark';
import { SkipLink } from '../../components/SkipLink';
import { StatusBanners } from '../../components/StatusBanners';
import { useDescribeError } from '../../errors/messages';
import { useT } from '../../i18n/use-t';
import { ChatPanel } from '../help/chat/ChatPanel';
import type { AppError } from '../../../../shared/errors';
import type { SessionUser } from '../../../../shared/contract/session';

/** The signed-in frame: header with the account menu, the sidebar, and the current screen. */
export function AppShell({ user }: { user: SessionUser }) {
  const api = useApi();
  const navigate = useNavigate();
  const t = useT();
  const describe = useDescribeError();
  const [signOutError, setSignOutError] = useState<AppError | null>(null);

  const leave = async () => {
    setSignOutError(null);
    const result = await signOut(api);
    if (!result.ok) setSignOutError(result.error);
  };

  return (
    <div className="shell">
      <SkipLink />
      <header className="shell-header">
        <BrandMark />
        <AccountMenu
          name={user.name}
          email={user.email}
          items={[
            { label: t('shell.accountMenu.settings'), onSelect: () => navigate(paths.settings) },
            { label: t('shell.accountMenu.signOut'), onSelect: () => void leave() },
          ]}
        />
      </header>
      <div className="shell-body">
        <nav className="sidebar" aria-label={t('shell.nav.label')}>
          <ul>
            {navItems.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === paths.dashboard} className="nav-link">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="shell-main">
          <StatusBanners />
          {signOutError && (
            <div role="alert" className="form-alert">
              <p>{t('shell.signOutFailed', { reason: describe(signOutError) })}</p>
            </div>
          )}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      {/* Beside every screen, so moving around the app keeps the chat. */}
      <ChatPanel />
    </div>
  );
}
