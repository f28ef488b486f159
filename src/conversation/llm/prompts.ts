import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../errors.ts';

/**
 * The prompts in prompts/, read once at start-up. Their version id (a hash
 * over every file) is logged with each turn, so a reply can be traced to the
 * exact wording that produced it.
 */

export const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url));

export interface Prompts {
  /** first 12 hex digits of a SHA-256 over every prompt file's name and content */
  version: string;
  system: string;
  /** tool name → the description the model sees */
  tools: Record<string, string>;
  summary: string;
  regenerate: string;
  photo: string;
  translate: string;
  handoffSummary: string;
}

const FILES = {
  system: 'system.md',
  tools: 'tools.md',
  summary: 'summary.md',
  regenerate: 'regenerate.md',
  photo: 'photo.md',
  translate: 'translate.md',
  handoffSummary: 'handoff-summary.md',
} as const;

export async function loadPrompts(dir = PROMPTS_DIR): Promise<Prompts> {
  const hash = createHash('sha256');
  const text: Record<string, string> = {};
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  for (const [key, file] of Object.entries(FILES)) {
    if (!present.has(file)) {
      throw new ConfigError(
        'PROMPT_MISSING',
        `The LLM planner needs ${file} in ${dir}; restore it from the repository`,
      );
    }
    text[key] = (await readFile(`${dir}/${file}`, 'utf8')).trim();
    hash.update(`${file}\0${text[key]}\0`);
  }
  return {
    version: hash.digest('hex').slice(0, 12),
    system: text.system!,
    tools: toolSections(text.tools!),
    summary: text.summary!,
    regenerate: text.regenerate!,
    photo: text.photo!,
    translate: text.translate!,
    handoffSummary: text.handoffSummary!,
  };
}

/** `## name` sections of tools.md; text before the first section is for human readers. */
function toolSections(markdown: string): Record<string, string> {
  const sections: Record<string, string> = {};
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [name, ...body] = part.split('\n');
    sections[name!.trim()] = body.join(' ').replace(/\s+/g, ' ').trim();
  }
  return sections;
}

/** Fills `{{name}}` placeholders. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
