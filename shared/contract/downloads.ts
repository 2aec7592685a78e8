import { z } from 'zod';
import { devicePlatformSchema } from '../api/devices';
import { downloadSchema, mobilePlatformSchema } from '../api/downloads';
import { appErrorSchema } from '../errors';
import { event, invoke, none, nothing, operationIdSchema, operationRefSchema } from './define';

/**
 * What the downloads screen shows: every download the service offers, the installer for
 * this computer first (`thisPlatform`), then the other computers', then the phones'.
 */
export const downloadsListSchema = z.object({
  thisPlatform: devicePlatformSchema.nullable(),
  items: z.array(downloadSchema),
});
export type DownloadsList = z.infer<typeof downloadsListSchema>;

/**
 * A download's states, a closed set: the operation idiom's (running, paused, done, failed,
 * cancelled) plus `verifying`, the SHA-256 check between the last byte and `done`.
 * `done` means the file is complete, checked and in its place, never earlier.
 */
export const downloadStates = ['running', 'paused', 'verifying', 'done', 'failed', 'cancelled'] as const;
export type DownloadState = (typeof downloadStates)[number];
export const finalDownloadStates = ['done', 'failed', 'cancelled'] as const satisfies readonly DownloadState[];

/** Why a download failed, for the screen's sentence. */
export const downloadFailures = ['mismatch', 'network', 'disk', 'other'] as const;
export type DownloadFailure = (typeof downloadFailures)[number];

/**
 * `downloads.progress`: one download's state, `done` and `total` in bytes (`total` 0 while
 * unknown). Also what `downloads.current` answers for each download this run has seen, so
 * a window opened again shows the download it left.
 */
export const downloadProgressSchema = z
  .object({
    id: operationIdSchema,
    /** The release downloaded (`GET /v1/downloads` id). */
    releaseId: z.string().min(1).max(128),
    platform: devicePlatformSchema,
    fileName: z.string(),
    state: z.enum(downloadStates),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    /** Where the checked file is, once `done`. */
    path: z.string().optional(),
    failure: z.enum(downloadFailures).optional(),
    error: appErrorSchema.optional(),
  })
  .refine((progress) => (progress.state === 'failed') === (progress.error !== undefined), {
    message: 'A failed download carries its error, and only a failed one.',
  });
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

/** A finished download opened or shown: whether the system did it (false in the browser host, which has no file manager to ask). */
export const shownFileSchema = z.object({ path: z.string(), shown: z.boolean() });

const releaseRef = z.object({ releaseId: z.string().min(1).max(128) }).strict();

/**
 * The installers (downloaded by the main process, so a download goes on when the window
 * closes), the phones' store links, and "e-mail me the link". The renderer names a
 * release or a download, never a path or an address.
 */
export const downloadsContract = {
  downloads: {
    list: invoke(none, downloadsListSchema),
    /** Starts (or, for a release already downloading, answers) the download of a release into the Downloads folder. */
    start: invoke(releaseRef, z.object({ id: operationIdSchema })),
    pause: invoke(operationRefSchema, nothing),
    /** Goes on from where it paused, with a `Range` request (the whole file again if the release changed). */
    resume: invoke(operationRefSchema, nothing),
    /** Stops it and removes the partial file. */
    cancel: invoke(operationRefSchema, nothing),
    /** Every download of this run, newest first. */
    current: invoke(none, z.array(downloadProgressSchema)),
    open: invoke(operationRefSchema, shownFileSchema),
    showInFolder: invoke(operationRefSchema, shownFileSchema),
    /** The phone app's store link, e-mailed to the signed-in account's own address. */
    emailLink: invoke(z.object({ platform: mobilePlatformSchema }).strict(), nothing),
  },
} as const;

export const downloadsEvents = {
  'downloads.progress': event(downloadProgressSchema),
} as const;
