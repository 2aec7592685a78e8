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
  settings: '/settings',
} as const;

/** The sidebar, in order. */
export const navItems = [
  { path: paths.dashboard, label: 'Dashboard' },
  { path: paths.thisComputer, label: 'This computer' },
  { path: paths.devices, label: 'Devices' },
  { path: paths.subscriptions, label: 'Subscriptions' },
  { path: paths.downloads, label: 'Downloads' },
  { path: paths.billing, label: 'Billing' },
  { path: paths.support, label: 'Support' },
  { path: paths.settings, label: 'Settings' },
] as const;
