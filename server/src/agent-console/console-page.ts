import deConsole from '../../../shared/locales/de/agentConsole.json' with { type: 'json' };
import enConsole from '../../../shared/locales/en/agentConsole.json' with { type: 'json' };
import type { Language } from '../../../shared/i18n/languages';
import { escapeHtml } from '../html/escape-html';
import type { ConsoleBundle } from './console-bundle';

const titles: Record<Language, { title: string; noScript: string }> = {
  en: { title: enConsole['agentConsole.documentTitle'], noScript: enConsole['agentConsole.noScript'] },
  de: { title: deConsole['agentConsole.documentTitle'], noScript: deConsole['agentConsole.noScript'] },
};

/**
 * The console's page: only a mount point, the script and the stylesheet by name (no inline
 * script or style, so the CSP can forbid both). The script picks its language itself; the
 * title and the no-script line are in the browser's, for the moment before it runs.
 */
export function consolePage(language: Language, bundle: ConsoleBundle): string {
  const words = titles[language];
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(words.title)}</title>
<link rel="stylesheet" href="/agent/${escapeHtml(bundle.stylesheet.name)}">
<script type="module" src="/agent/${escapeHtml(bundle.script.name)}"></script>
</head>
<body><div id="console"><noscript><p>${escapeHtml(words.noScript)}</p></noscript></div></body>
</html>`;
}
