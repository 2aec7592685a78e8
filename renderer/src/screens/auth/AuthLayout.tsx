import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { BrandMark } from '../../components/BrandMark';
import { StatusBanners } from '../../components/StatusBanners';
import { PageLoading } from '../../app/BootScreens';
import { SessionEndedNotice } from '../../app/SessionEndedNotice';

/** The frame around the signed-out screens: the brand above one centred card. */
export function AuthLayout() {
  return (
    <div className="auth-page">
      <header className="auth-header">
        <BrandMark />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <StatusBanners />
        <SessionEndedNotice />
        <div className="auth-card">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
