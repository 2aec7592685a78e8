import axios, { type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { backoffDelay } from '../../../shared/backoff';
import type { NetworkState } from '../../../shared/contract/app';
import { isTransientFailure } from '../../../shared/errors';
import type { OfflineReason } from '../../../shared/offline-reason';
import { type Logger, silentLogger } from '../log/logger';
import { ApiFailure, toApiFailure } from './api-failure';
import { classifyOffline, type InterfacesSource } from './offline-reason';
import { type HttpMethod, isIdempotent, sleep } from './retry-policy';

/**
 * Supplies the bearer token for authenticated calls. Called again with `rejected` when the
 * service answered 401 to that token, so the session can refresh it (once, however many
 * calls ask at the same time).
 */
export type AccessTokenSource = (options?: { rejected?: string }) => Promise<string>;

export interface ApiClientOptions {
  baseUrl: string;
  getAccessToken?: AccessTokenSource;
  onOnlineChange?: (state: NetworkState) => void;
  logger?: Logger;
  timeoutMs?: number;
  /** Extra attempts for idempotent requests that failed in transit. */
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** How soon to look for the service again once it is gone (doubles up to `probeMaxDelayMs`). */
  probeIntervalMs?: number;
  /**
   * The longest wait between two looks while offline: the banner clears at most this long
   * after the service is back. A look is one small GET /v1/health.
   */
  probeMaxDelayMs?: number;
  /** The OS's network interfaces, for telling "no internet" from "the service is down" (tests fake it). */
  networkInterfaces?: InterfacesSource;
  userAgent?: string;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** Parses a 2xx body; without it the body is ignored (204 routes). */
  schema?: S;
  auth?: boolean;
  idempotencyKey?: string;
  /**
   * `arraybuffer`: the body is bytes (an invoice PDF), handed to `schema` as a Buffer
   * (`z.instanceof(Buffer)`); an error body is still read as the service's JSON envelope.
   */
  responseType?: 'json' | 'arraybuffer';
}

export type ResponseOf<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiClient {
  request<S extends z.ZodType | undefined = undefined>(options: RequestOptions<S>): Promise<ResponseOf<S>>;
  isOnline(): boolean;
  /** Online, or offline and why. */
  networkState(): NetworkState;
  onOnlineChange(listener: (state: NetworkState) => void): () => void;
  /** Stops the offline probe for good (the app quits); nothing is left scheduled. */
  close(): void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const {
    baseUrl,
    getAccessToken,
    logger = silentLogger,
    timeoutMs = 10_000,
    retries = 2,
    retryBaseDelayMs = 300,
    retryMaxDelayMs = 5_000,
    probeIntervalMs = 1_000,
    probeMaxDelayMs = 5_000,
    userAgent = 'Palisade',
  } = options;

  const http = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    timeout: timeoutMs,
    maxRedirects: 0,
    headers: { Accept: 'application/json', 'User-Agent': userAgent },
    // Timeouts come back as ETIMEDOUT instead of the ambiguous ECONNABORTED.
    transitional: { clarifyTimeoutError: true },
    validateStatus: (status) => status >= 200 && status < 300,
  });

  const listeners = new Set<(state: NetworkState) => void>();
  if (options.onOnlineChange) listeners.add(options.onOnlineChange);
  let state: NetworkState = { online: true };
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  function setState(next: NetworkState) {
    if (closed || (next.online === state.online && next.reason === state.reason)) return;
    const wasOnline = state.online;
    state = next;
    logger.info(next.online ? 'account service reachable again' : 'account service unreachable', { reason: next.reason });
    for (const listener of listeners) listener(next);
    if (next.online) stopProbe();
    else if (wasOnline) scheduleProbe(0);
  }
  const setOnline = () => setState({ online: true });
  const setOffline = (reason: OfflineReason) => setState({ online: false, reason });

  function stopProbe() {
    if (probe) clearTimeout(probe);
    probe = undefined;
  }

  /** Why a request that got no HTTP answer failed. */
  const reasonFor = (error: unknown) => classifyOffline(error, baseUrl, options.networkInterfaces);

  /**
   * 502, 503 and 504 say the service behind the address is down or not answering (from the
   * service itself while its database is away, or from a proxy in front of it).
   */
  const serviceDown = (status: number) => status === 502 || status === 503 || status === 504;

  /**
   * While offline, checks /v1/health now and then so the app notices by itself when the
   * service is back: soon at first, then at most `probeMaxDelayMs` apart.
   */
  function scheduleProbe(attempt: number) {
    if (closed) return;
    stopProbe();
    probe = setTimeout(() => {
      probe = undefined;
      http.get('/v1/health').then(
        () => setOnline(),
        (error: unknown) => {
          if (closed || state.online) return;
          const status = axios.isAxiosError(error) ? error.response?.status : undefined;
          // Any other HTTP answer (an older service without /v1/health, say) proves the service is there.
          if (status !== undefined && !serviceDown(status)) return setOnline();
          setOffline(status !== undefined ? 'service-unreachable' : reasonFor(error));
          scheduleProbe(attempt + 1);
        },
      );
    }, backoffDelay(attempt, { baseMs: probeIntervalMs, maxMs: probeMaxDelayMs }));
    probe.unref();
  }

  async function sendOnce(
    method: HttpMethod,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    responseType: 'json' | 'arraybuffer' = 'json',
  ): Promise<AxiosResponse> {
    try {
      const response = await http.request({ method, url: path, data: body, headers, responseType });
      setOnline();
      return response;
    } catch (error) {
      if (responseType === 'arraybuffer') decodeErrorBody(error);
      const failure = toApiFailure(error);
      if (failure.status !== undefined) {
        if (serviceDown(failure.status)) setOffline('service-unreachable');
        else setOnline();
        throw failure;
      }
      if (failure.code !== 'NETWORK_OFFLINE') throw failure;
      const reason = reasonFor(error);
      setOffline(reason);
      throw new ApiFailure({ ...failure.toError(), details: { reason } });
    }
  }

  async function send(opts: RequestOptions<z.ZodType | undefined>, token?: string): Promise<AxiosResponse> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    const attempts = isIdempotent(opts.method, opts.idempotencyKey) ? retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendOnce(opts.method, opts.path, opts.body, headers, opts.responseType);
      } catch (error) {
        const failure = toApiFailure(error);
        if (attempt + 1 >= attempts || !isTransientFailure(failure)) throw failure;
        const delay = backoffDelay(attempt, { baseMs: retryBaseDelayMs, maxMs: retryMaxDelayMs });
        logger.debug('retrying request', { method: opts.method, path: opts.path, errorCode: failure.code, delay });
        await sleep(delay);
      }
    }
  }

  function parse<S extends z.ZodType | undefined>(opts: RequestOptions<S>, response: AxiosResponse): ResponseOf<S> {
    if (!opts.schema) return undefined as ResponseOf<S>;
    const parsed = opts.schema.safeParse(response.data);
    if (parsed.success) return parsed.data as ResponseOf<S>;
    logger.warn('unexpected response shape', { method: opts.method, path: opts.path, issues: parsed.error.issues.length });
    throw new ApiFailure({ code: 'UNKNOWN', message: 'The account service sent an answer this version of Palisade does not understand.' });
  }

  /** A 401 to a bearer token means the token is no longer good (expired early, revoked); a fresh one may work. */
  const tokenRejected = (error: unknown) => error instanceof ApiFailure && error.status === 401 && error.code === 'UNAUTHORIZED';

  return {
    async request(opts) {
      if (!opts.auth) return parse(opts, await send(opts));
      if (!getAccessToken) throw new Error('This API client has no access token source.');
      const token = await getAccessToken();
      try {
        return parse(opts, await send(opts, token));
      } catch (error) {
        if (!tokenRejected(error)) throw error;
        logger.debug('access token rejected; refreshing once', { path: opts.path });
        const fresh = await getAccessToken({ rejected: token });
        return parse(opts, await send(opts, fresh));
      }
    },
    isOnline: () => state.online,
    networkState: () => state,
    onOnlineChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      stopProbe();
      listeners.clear();
    },
  };
}

/** A bytes request's error answer is the usual JSON envelope, delivered as bytes: read it as JSON. */
function decodeErrorBody(error: unknown): void {
  if (!axios.isAxiosError(error) || !error.response) return;
  const data: unknown = error.response.data;
  if (!(data instanceof ArrayBuffer) && !Buffer.isBuffer(data)) return;
  try {
    error.response.data = JSON.parse(Buffer.from(data as ArrayBuffer).toString('utf8')) as unknown;
  } catch {
    error.response.data = undefined;
  }
}
