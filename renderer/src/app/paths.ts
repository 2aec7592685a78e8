import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageId } from '../i18n/catalogues';

/** Every route in one place, so links and redirects cannot drift from the route table. */
export const paths = {
  signIn: '/sign-in',
  createAccount: '/create-account',
  checkEmail: '/check-email',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  locked: '/account-locked',
  mfa: '/verify',
  dashboard: '/',
  thisComputer: '/this-computer',
  devices: '/devices',
  makeRoom: '/devices/make-room',
  moveHere: '/devices/move-here',
  subscriptions: '/subscriptions',
  activate: '/subscriptions/activate',
  downloads: '/downloads',
  billing: '/billing',
  support: '/support',
  tickets: '/support/tickets',
  newTicket: '/support/tickets/new',
  ticket: '/support/tickets/:id',
  settings: '/settings',
} as const;

/** One support ticket's thread. */
export const ticketPath = (id: string) => `/support/tickets/${encodeURIComponent(id)}`;

/** A sidebar entry: where it goes, its label, and its screen, or none yet ("coming soon"). */
export interface NavItem {
  path: string;
  label: MessageId;
  screen: LazyExoticComponent<ComponentType> | null;
}

// Screens load on demand so the first paint carries only the frame and the router.
function screen<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((m) => ({ default: pick(m) })));
}

/** The sidebar, in order; the route table is made from it. */
export const navItems: readonly NavItem[] = [
  {
    path: paths.dashboard,
    label: 'shell.nav.dashboard',
    screen: screen(
      () => import('../screens/shell/DashboardScreen'),
      (m) => m.DashboardScreen,
    ),
  },
  {
    path: paths.thisComputer,
    label: 'shell.nav.thisComputer',
    screen: screen(
      () => import('../screens/this-computer/ThisComputerScreen'),
      (m) => m.ThisComputerScreen,
    ),
  },
  {
    path: paths.devices,
    label: 'shell.nav.devices',
    screen: screen(
      () => import('../screens/devices/DevicesScreen'),
      (m) => m.DevicesScreen,
    ),
  },
  {
    path: paths.subscriptions,
    label: 'shell.nav.subscriptions',
    screen: screen(
      () => import('../screens/subscriptions/SubscriptionsScreen'),
      (m) => m.SubscriptionsScreen,
    ),
  },
  {
    path: paths.downloads,
    label: 'shell.nav.downloads',
    screen: screen(
      () => import('../screens/downloads/DownloadsScreen'),
      (m) => m.DownloadsScreen,
    ),
  },
  {
    path: paths.billing,
    label: 'shell.nav.billing',
    screen: screen(
      () => import('../screens/billing/BillingScreen'),
      (m) => m.BillingScreen,
    ),
  },
  {
    path: paths.support,
    label: 'shell.nav.support',
    screen: screen(
      () => import('../screens/help/HelpScreen'),
      (m) => m.HelpScreen,
    ),
  },
  {
    path: paths.settings,
    label: 'shell.nav.settings',
    screen: screen(
      () => import('../screens/settings/SettingsScreen'),
      (m) => m.SettingsScreen,
    ),
  },
];
