import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthLayout } from '../screens/auth/AuthLayout';
import { AppShell } from '../screens/shell/AppShell';
import { useT } from '../i18n/use-t';
import { selectUser, useSessionStore } from '../stores/session-store';
import { navItems, paths } from './paths';
import { readRouteState } from './route-state';

// Screens load on demand so the first paint carries only the frame and the router.
const SignInScreen = lazy(() => import('../screens/auth/SignInScreen').then((m) => ({ default: m.SignInScreen })));
const CreateAccountScreen = lazy(() =>
  import('../screens/auth/CreateAccountScreen').then((m) => ({ default: m.CreateAccountScreen })),
);
const CheckEmailScreen = lazy(() =>
  import('../screens/auth/CheckEmailScreen').then((m) => ({ default: m.CheckEmailScreen })),
);
const ForgotPasswordScreen = lazy(() =>
  import('../screens/auth/ForgotPasswordScreen').then((m) => ({ default: m.ForgotPasswordScreen })),
);
const ResetPasswordScreen = lazy(() =>
  import('../screens/auth/ResetPasswordScreen').then((m) => ({ default: m.ResetPasswordScreen })),
);
const AccountLockedScreen = lazy(() =>
  import('../screens/auth/AccountLockedScreen').then((m) => ({ default: m.AccountLockedScreen })),
);
const MfaScreen = lazy(() => import('../screens/auth/MfaScreen').then((m) => ({ default: m.MfaScreen })));
const ComingSoonScreen = lazy(() =>
  import('../screens/shell/ComingSoonScreen').then((m) => ({ default: m.ComingSoonScreen })),
);
const SeatLimitScreen = lazy(() =>
  import('../screens/devices/SeatLimitScreen').then((m) => ({ default: m.SeatLimitScreen })),
);
const MoveProtectionScreen = lazy(() =>
  import('../screens/this-computer/MoveProtectionScreen').then((m) => ({ default: m.MoveProtectionScreen })),
);
const ActivateProductScreen = lazy(() =>
  import('../screens/subscriptions/ActivateProductKeyScreen').then((m) => ({ default: m.ActivateProductKeyScreen })),
);
const TicketsScreen = lazy(() => import('../screens/help/tickets/TicketsScreen').then((m) => ({ default: m.TicketsScreen })));
const NewTicketScreen = lazy(() => import('../screens/help/tickets/NewTicketScreen').then((m) => ({ default: m.NewTicketScreen })));
const TicketThreadScreen = lazy(() =>
  import('../screens/help/tickets/TicketThreadScreen').then((m) => ({ default: m.TicketThreadScreen })),
);

/** Signed-out visitors see the auth screens; signed-in people see the shell. */
export function AppRoutes() {
  const t = useT();
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
        {navItems.map(({ path, label, screen: Screen }) => (
          // A key per screen: the same component under a new route must remount to take focus.
          <Route
            key={path}
            path={path}
            element={Screen ? <Screen /> : <ComingSoonScreen key={path} title={t(label)} />}
          />
        ))}
        <Route path={paths.makeRoom} element={<SeatLimitScreen />} />
        <Route path={paths.moveHere} element={<MoveProtectionScreen />} />
        <Route path={paths.activate} element={<ActivateProductScreen />} />
        <Route path={paths.tickets} element={<TicketsScreen />} />
        <Route path={paths.newTicket} element={<NewTicketScreen />} />
        <Route path={paths.ticket} element={<TicketThreadScreen />} />
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
