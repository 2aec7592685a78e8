import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  articleFeedbackSchema,
  articleListSchema,
  articleSchema,
  articleSearchQuerySchema,
  articleSlugSchema,
} from '../../../shared/api/support-articles';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { readerLanguage } from '../i18n/reader-language';
import type { Services } from '../services';
import { findArticle, recordFeedback, searchArticles } from '../support/knowledge-base/article-search';

/** One reader marking a few articles: enough for anyone, too few to stuff the counts. */
const FEEDBACK_PER_HOUR = 30;

const slugParamsSchema = z.object({ slug: articleSlugSchema });

/** docs/api.md "Support": the knowledge base, open to anyone (the app asks before sign-in too). */
export const articleRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['support'];

  app.get(
    '/v1/support/articles',
    {
      schema: {
        tags,
        summary: 'Help articles ranked by relevance to q (any text; cut to 256 characters)',
        querystring: articleSearchQuerySchema,
        response: { 200: articleListSchema, ...errorResponses },
      },
    },
    async (request) =>
      searchArticles(services.db, {
        ...request.query,
        language: await readerLanguage(services, request),
      }),
  );

  app.get(
    '/v1/support/articles/:slug',
    {
      schema: { tags, summary: 'One help article, its Markdown and its related articles', params: slugParamsSchema, response: { 200: articleSchema, ...errorResponses } },
    },
    async (request) => {
      const language = await readerLanguage(services, request);
      const article = await findArticle(services.db, language, request.params.slug);
      if (!article) throw new ServiceError('NOT_FOUND', 'There is no such article.');
      return article;
    },
  );

  app.post(
    '/v1/support/articles/:slug/feedback',
    {
      config: { rateLimit: { max: FEEDBACK_PER_HOUR, timeWindow: 60 * 60_000 } },
      schema: { tags, summary: '“Was this helpful?”', params: slugParamsSchema, body: articleFeedbackSchema, response: errorResponses },
    },
    async (request, reply) => {
      const language = await readerLanguage(services, request);
      const recorded = await recordFeedback(services.db, {
        id: randomUUID(),
        slug: request.params.slug,
        language,
        helpful: request.body.helpful,
        now: services.now(),
      });
      if (!recorded) throw new ServiceError('NOT_FOUND', 'There is no such article.');
      return noContent(reply);
    },
  );
};
