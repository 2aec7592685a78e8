import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { desktopPlatforms, desktopPlatformSchema, releaseVersionSchema } from '../../../shared/api/downloads';
import { loadConfig } from '../config';
import { MAX_RELEASE_NOTES, releaseFileNameSchema } from '../local-control/control-protocol';
import { copyIntoStore, refusalIn, removeStoredFile } from '../releases/release-store';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

const usage = `releases publish --platform ${desktopPlatforms.join('|')} --version X.Y.Z --file PATH [--notes TEXT] [--rollout PERCENT]`;

/**
 * `releases publish …`: copies an installer into DATA_DIR/releases (hashing it as it goes,
 * never holding it in memory), then records it, through the running service when one
 * holds the embedded database, and prints the release id. A refusal removes the copy.
 * Problems go to stderr with exit code 2.
 */
export const releases: Command = {
  summary: 'publish an installer for the downloads and the update feeds',
  usage,
  async run(args) {
    const refuse = (problems: string[]) => {
      console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${usage}`);
      return 2;
    };
    let values: { platform?: string; version?: string; file?: string; notes?: string; rollout?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          platform: { type: 'string' },
          version: { type: 'string' },
          file: { type: 'string' },
          notes: { type: 'string' },
          rollout: { type: 'string' },
        },
      }));
    } catch (error) {
      return refuse([error instanceof Error ? error.message : String(error)]);
    }
    const platform = desktopPlatformSchema.safeParse(values.platform);
    const version = releaseVersionSchema.safeParse(values.version);
    const fileName = releaseFileNameSchema.safeParse(values.file === undefined ? undefined : basename(values.file));
    const rollout = values.rollout === undefined ? undefined : /^\d{1,3}$/.test(values.rollout) ? Number(values.rollout) : NaN;
    const problems = [
      positionals.length !== 1 || positionals[0] !== 'publish' ? 'the only releases command is "publish"' : undefined,
      platform.success ? undefined : `--platform is one of ${desktopPlatforms.join(', ')}`,
      version.success ? undefined : '--version is a semantic version such as 1.2.3',
      values.file === undefined ? '--file names the installer' : fileName.success ? undefined : '--file has a name of at most 200 characters on one line',
      rollout === undefined || (rollout >= 1 && rollout <= 100) ? undefined : '--rollout is a whole percentage from 1 to 100',
      (values.notes?.length ?? 0) > MAX_RELEASE_NOTES ? `--notes has at most ${MAX_RELEASE_NOTES} characters` : undefined,
    ].filter((p) => p !== undefined);
    if (problems.length > 0 || !platform.success || !version.success || !fileName.success || values.file === undefined) {
      return refuse(problems);
    }

    const config = loadConfig();
    let stored;
    try {
      stored = await copyIntoStore(config.dataDir, values.file);
    } catch (error) {
      const refusal = refusalIn(error);
      if (refusal) return refuse([refusal]);
      throw error;
    }
    try {
      await print(
        await runTask(config, {
          command: 'releases publish',
          platform: platform.data,
          version: version.data,
          fileName: fileName.data,
          ...stored,
          ...(values.notes !== undefined && values.notes.trim() !== '' && { notes: values.notes.trim() }),
          ...(rollout !== undefined && rollout < 100 && { rolloutPercent: rollout }),
        }),
      );
      return 0;
    } catch (error) {
      await removeStoredFile(config.dataDir, stored.storedName);
      const refusal = refusalIn(error);
      if (refusal) return refuse([refusal]);
      throw error;
    }
  },
};
