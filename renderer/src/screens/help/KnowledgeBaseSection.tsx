import '../../styles/help.css';
import { useEffect, useId, useRef, useState } from 'react';
import type { Article, ArticleSummary } from '../../../../shared/api/support-articles';
import { ARTICLE_QUERY_MAX_CHARS } from '../../../../shared/api/support-articles';
import type { AppError } from '../../../../shared/errors';
import { openExternalUrl } from '../../app/external-links';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { useDescribeError } from '../../errors/messages';
import { useT } from '../../i18n/use-t';
import { renderArticleMarkdown, snippetParts } from './article-markdown';

/** Typing pauses this long before the search goes out: one request per thought, not per key. */
const SEARCH_DEBOUNCE_MS = 250;

const minutesAndSeconds = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The knowledge base: search as you type (through the main process), results with their
 * snippets, one article rendered from its Markdown without raw HTML, its related articles,
 * a video opened in the browser, and "Was this helpful?".
 */
export function KnowledgeBaseSection() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ArticleSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const [feedback, setFeedback] = useState<'sent' | 'failed' | null>(null);
  const latest = useRef(0);
  const articleHeading = useRef<HTMLHeadingElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const runSearch = (q: string) => {
    const ticket = ++latest.current;
    setSearching(true);
    void settle(() => api.help.search({ q })).then((result) => {
      // An older search answering late must not replace a newer one's results.
      if (ticket !== latest.current) return;
      setSearching(false);
      if (result.ok) {
        setError(null);
        setResults(result.value);
      } else setError(result.error);
    });
  };

  useEffect(() => {
    const timer = setTimeout(() => runSearch(query.trim()), query.trim() === '' ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new search for each new query
  }, [query, api]);

  const open = (slug: string) =>
    void settle(() => api.help.article({ slug })).then((result) => {
      if (!result.ok) return setError(result.error);
      setError(null);
      setFeedback(null);
      setArticle(result.value);
    });

  useEffect(() => {
    if (article) articleHeading.current?.focus();
  }, [article]);

  const back = () => {
    setArticle(null);
    requestAnimationFrame(() => searchBox.current?.focus());
  };

  const sendFeedback = (helpful: boolean) => {
    if (!article) return;
    void settle(() => api.help.feedback({ slug: article.slug, helpful })).then((result) => setFeedback(result.ok ? 'sent' : 'failed'));
  };

  const openLink = (url: string) => openExternalUrl(url, api);

  return (
    <section className="page-section knowledge-base" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('help.kb.title')}</h2>
      {article ? (
        <article className="help-article" aria-labelledby={`${id}-article`}>
          <button type="button" className="button button-secondary" onClick={back}>
            {t('help.kb.back')}
          </button>
          <h3 id={`${id}-article`} ref={articleHeading} tabIndex={-1}>
            {article.title}
          </h3>
          <p className="muted">{article.summary}</p>
          {article.videoUrl && (
            <p>
              <button type="button" className="button" onClick={() => openLink(article.videoUrl!)} aria-describedby={`${id}-watch-hint`}>
                {t('help.kb.watch', { duration: minutesAndSeconds(article.durationSeconds ?? 0) })}
              </button>{' '}
              <span id={`${id}-watch-hint`} className="muted">
                {t('help.kb.watchHint')}
              </span>
            </p>
          )}
          {article.kind === 'video' && <h4>{t('help.kb.transcript')}</h4>}
          <div className="help-article-body">{renderArticleMarkdown(article.body, openLink)}</div>
          <div className="help-feedback" role="group" aria-labelledby={`${id}-helpful`}>
            <p id={`${id}-helpful`}>{t('help.kb.helpful')}</p>
            <button type="button" className="button button-secondary" disabled={feedback === 'sent'} onClick={() => sendFeedback(true)}>
              {t('help.kb.yes')}
            </button>{' '}
            <button type="button" className="button button-secondary" disabled={feedback === 'sent'} onClick={() => sendFeedback(false)}>
              {t('help.kb.no')}
            </button>
            <p role="status">{feedback === 'sent' ? t('help.kb.thanks') : feedback === 'failed' ? t('help.kb.feedbackFailed') : ''}</p>
          </div>
          {article.related.length > 0 && (
            <nav aria-labelledby={`${id}-related`}>
              <h4 id={`${id}-related`}>{t('help.kb.related')}</h4>
              <ul>
                {article.related.map((related) => (
                  <li key={related.slug}>
                    <button type="button" className="help-link-button" onClick={() => open(related.slug)}>
                      {related.title}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </article>
      ) : (
        <>
          <p>{t('help.kb.intro')}</p>
          <div className="field" role="search">
            <label htmlFor={`${id}-q`}>{t('help.kb.searchLabel')}</label>
            <input
              id={`${id}-q`}
              ref={searchBox}
              type="search"
              value={query}
              maxLength={ARTICLE_QUERY_MAX_CHARS}
              placeholder={t('help.kb.searchPlaceholder')}
              aria-controls={`${id}-results`}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <p role="status" className="muted">
            {searching
              ? t('help.kb.searching')
              : results && query.trim() !== ''
                ? results.length === 0
                  ? t('help.kb.noResults')
                  : t('help.kb.resultsCount', { count: results.length })
                : ''}
          </p>
          {error && (
            <div role="alert" className="form-notice">
              <p>
                {t('help.kb.loadFailed')} {describeError(error)}
              </p>
              <button type="button" className="button button-secondary" onClick={() => runSearch(query.trim())}>
                {t('help.kb.tryAgain')}
              </button>
            </div>
          )}
          {results && results.length > 0 && (
            <>
              {query.trim() === '' && <h3>{t('help.kb.popular')}</h3>}
              <ul id={`${id}-results`} className="help-results">
                {results.map((result) => (
                  <li key={result.slug}>
                    <button type="button" className="help-result" onClick={() => open(result.slug)}>
                      <span className="help-result-title">
                        {result.title}
                        {result.kind === 'video' && <span className="badge">{t('help.kb.video')}</span>}
                      </span>
                      <span className="help-result-snippet">
                        {snippetParts(result.snippet).map((part, n) => (part.marked ? <mark key={n}>{part.text}</mark> : <span key={n}>{part.text}</span>))}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
