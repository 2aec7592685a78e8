/**
 * The app's identity to the operating system: electron-builder.yml's `appId`, and on Windows
 * the AppUserModelID notifications are raised under (a different one and Windows shows them
 * as another app's, or drops them). A unit test holds the two equal.
 */
export const APP_ID = 'test.palisade.desktop';
