/**
 * The languages a POSIX environment asks for, most preferred first, as BCP 47 tags:
 * `LC_ALL`, then `LC_MESSAGES`, then `LANGUAGE` (a colon list), then `LANG`.
 * `de_DE.UTF-8` becomes `de-DE`; `C` and `POSIX` name no language.
 */
export function environmentLanguages(env: NodeJS.ProcessEnv = process.env): string[] {
  const tag = (value: string) => value.split(/[.@]/)[0]?.replace(/_/g, '-') ?? '';
  const usable = (value: string) => value !== '' && value !== 'C' && value !== 'POSIX';
  const lcAll = env.LC_ALL ?? '';
  // A set LC_ALL overrides everything else, as the C library reads it.
  if (usable(tag(lcAll))) return [tag(lcAll)];
  const candidates = [env.LC_MESSAGES ?? '', ...(env.LANGUAGE ?? '').split(':'), env.LANG ?? '']
    .map(tag)
    .filter(usable);
  return [...new Set(candidates)];
}
