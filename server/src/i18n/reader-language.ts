import type { FastifyRequest } from 'fastify';
import type { Language } from '../../../shared/i18n/languages';
import { findUserById } from '../identity/users';
import type { Services } from '../services';
import { requestLanguage } from './request-language';

/**
 * The language of whoever reads an open page or list: the account's when a valid token
 * comes along (the app's call), else the request's `Accept-Language`. A bad token is no
 * error here; the answer is simply not personal.
 */
export async function readerLanguage(services: Pick<Services, 'accessTokens' | 'db'>, request: FastifyRequest): Promise<Language> {
  const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
  const claims = token ? await services.accessTokens.verify(token).catch(() => undefined) : undefined;
  const user = claims ? await findUserById(services.db, claims.userId) : undefined;
  return user?.language ?? requestLanguage(request.headers['accept-language']);
}
