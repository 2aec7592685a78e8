import { createContext, useContext, type ReactNode } from 'react';
import type { PalisadeApi } from '../../../shared/contract/types';

const ApiContext = createContext<PalisadeApi | null>(null);

/** Hands `window.palisade` (or the browser bridge's API, or a test fake) to every screen. */
export function ApiProvider({ api, children }: { api: PalisadeApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PalisadeApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
