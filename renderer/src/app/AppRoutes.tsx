import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthLayout } from '../screens/auth/AuthLayout';
import { AppShell } from '../screens/shell/AppShell';
import { selectUser, useSessionStore } from '../stores/session-store';
import { navItems, paths } from './paths';
import { readRouteState } from './route-state';

// Screens load on demand so the first paint carries only the frame and the router.
const SignInScreen = lazy(() => import('../screens/auth/SignInScreen').then((m) => ({ default: m.SignInScreen })));
const CreateAccountScreen = lazy(() => import('../screens/auth/CreateAccountScreen').then((m) => ({ default: m.CreateAccountScreen })));
const CheckEmailScreen = lazy(() => import('../screens/auth/CheckEmailScreen').then((m) => ({ default: m.CheckEmailScreen })));
const ForgotPasswordScreen = lazy(() => import('../screens/auth/ForgotPasswordScreen').then((m) => ({ default: m.ForgotPasswordScreen })));
const ResetPasswordScreen = lazy(() => import('../screens/auth/ResetPasswordScreen').then((m) => ({ default: m.ResetPasswordScreen })));
const AccountLockedScreen = lazy(() => import('../screens/auth/AccountLockedScreen').then((m) => ({ default: m.AccountLockedScreen })));
const MfaScreen = lazy(() => import('../screens/auth/MfaScreen').then((m) => ({ default: m.MfaScreen })));
const DashboardScreen = lazy(() => import('../screens/shell/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));
const ComingSoonScreen = lazy(() => import('../screens/shell/ComingSoonScreen').then((m) => ({ default: m.ComingSoonScreen })));
const ThisComputerScreen = lazy(() => import('../screens/this-computer/ThisComputerScreen').then((m) => ({ default: m.ThisComputerScreen })));
const DevicesScreen = lazy(() => import('../screens/devices/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const SeatLimitScreen = lazy(() => import('../screens/devices/SeatLimitScreen').then((m) => ({ default: m.SeatLimitScreen })));
const MoveProtectionScreen = lazy(() => import('../screens/this-computer/MoveProtectionScreen').then((m) => ({ default: m.MoveProtectionScreen })));
const SubscriptionsScreen = lazy(() => import('../screens/subscriptions/SubscriptionsScreen').then((m) => ({ default: m.SubscriptionsScreen })));
const ActivateProductScreen = lazy(() => import('../screens/subscriptions/ActivateProductKeyScreen').then((m) => ({ default: m.ActivateProductKeyScreen })));

/** Sidebar entries with a screen of their own (issue 3); the others say "coming soon". */
const protectionPaths: readonly string[] = [paths.thisComputer, paths.devices, paths.subscriptions];
const SettingsScreen = lazy(() => import('../screens/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

/** Signed-out visitors see the auth screens; signed-in people see the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<SignedOutOnly />}>
        <Route path={paths.signIn} element={<SignInScreen />} />
        <Route path={paths.createAccount} element={<CreateAccountScreen />} />
        <Route path={paths.checkEmail} element={<CheckEmailScreen />} />
        <Route path={paths.forgotPassword} element={<ForgotPasswordScreen />} />
        <Route path={paths.resetPassword} element={<ResetPasswordScreen />} />
        <Route path={paths.locked} element={<AccountLockedScreen />} />
        <Route path={paths.mfa} element={<MfaScreen />} />
      </Route>
      <Route element={<SignedInOnly />}>
        <Route index element={<DashboardScreen />} />
        <Route path={paths.thisComputer} element={<ThisComputerScreen />} />
        <Route path={paths.devices} element={<DevicesScreen />} />
        <Route path={paths.makeRoom} element={<SeatLimitScreen />} />
        <Route path={paths.moveHere} element={<MoveProtectionScreen />} />
        <Route path={paths.subscriptions} element={<SubscriptionsScreen />} />
        <Route path={paths.activate} element={<ActivateProductScreen />} />
        <Route path={paths.settings} element={<SettingsScreen />} />
        {navItems
          .filter((item) => item.path !== paths.dashboard && item.path !== paths.settings)
          .filter((item) => !protectionPaths.includes(item.path))
          .map((item) => (
            // A key per screen: the same component under a new route must remount to take focus.
            <Route key={item.path} path={item.path} element={<ComingSoonScreen key={item.path} title={item.label} />} />
          ))}
      </Route>
      <Route path="*" element={<Navigate to={paths.dashboard} replace />} />
    </Routes>
  );
}

function SignedInOnly(): ReactNode {
  const user = useSessionStore(selectUser);
  const location = useLocation();
  if (!user) {
    const from = location.pathname === paths.dashboard ? undefined : location.pathname;
    return <Navigate to={paths.signIn} replace state={{ from }} />;
  }
  return <AppShell user={user} />;
}

function SignedOutOnly(): ReactNode {
  const user = useSessionStore(selectUser);
  const { from } = readRouteState(useLocation().state);
  if (user) return <Navigate to={from ?? paths.dashboard} replace />;
  return <AuthLayout />;
}
