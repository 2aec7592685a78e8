import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract/settings';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';

/**
 * The remembered settings for a section of Settings: read once, changed one patch at a time,
 * and shown as the main process answers (so a change that was not saved is not shown as made).
 */
export function useSettings() {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  useEffect(() => {
    let current = true;
    void settle(() => api.settings.get({})).then((result) => {
      if (!current) return;
      if (result.ok) setSettings(result.value);
      else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const change = useCallback(
    async (patch: Partial<Settings>) => {
      setProblem(null);
      const result = await settle(() => api.settings.update(patch));
      if (result.ok) setSettings(result.value);
      else setProblem(result.error);
    },
    [api],
  );
  return { settings, problem, change };
}
