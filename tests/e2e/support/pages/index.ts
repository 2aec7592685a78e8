export { AccountLockedPage } from './account-locked-page';
export { AppShell } from './app-shell';
export { CheckEmailPage } from './check-email-page';
export { CreateAccountPage } from './create-account-page';
export { SignInPage } from './sign-in-page';
export { SecuritySettingsPage } from './security-settings-page';
export { TwoStepSignInPage } from './two-step-sign-in-page';
export { LanguageSettingsPage } from './language-settings-page';
