/**
 * Text for Slack within its limits. Catalog text goes into mrkdwn escaped, so
 * a title holding `<!channel>` or `<https://evil|Pay here>` shows as typed
 * instead of pinging a channel or becoming a link.
 */

/** Slack's own three escapes for mrkdwn; nothing else has one. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` UTF-16 units (the stricter count: Slack counts characters),
 * ending in "…" when cut, never inside a surrogate pair or an escape (&amp;).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

/** Escaped and cut to `max`. */
export function mrkdwn(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/**
 * Splits already escaped text into pieces of at most `max` units, at line
 * breaks where it can, so a long reply becomes several sections rather than
 * losing its end.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    current = line;
    while (current.length > max) {
      let end = current.lastIndexOf(' ', max);
      if (end < max / 2) end = max;
      if (/[\uD800-\uDBFF]/.test(current[end - 1] ?? '')) end -= 1;
      const entity = /&[a-z]{0,3}$/.exec(current.slice(0, end));
      if (entity) end -= entity[0].length;
      pieces.push(current.slice(0, end));
      current = current.slice(end).replace(/^ /, '');
    }
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

/** Turns what Slack sends (`&lt;`, `<@U1|ana>`, `<https://x|label>`) back into what the buyer typed. */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<(?:https?:|mailto:)[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?:|mailto:)[^>]*)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, name?: string) => `@${name || id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
