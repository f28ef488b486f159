import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SEED_DIR } from '../catalog/seed-catalog.ts';
import { bundleError } from './bundle-error.ts';

/**
 * bundle-rules.json: which categories complete an outfit, per main category
 * and occasion; which accessory colours go with a garment colour; how dear an
 * accessory may be next to the main piece. Admins edit it, so it is checked
 * on load and every mistake is reported with its path. An optional second file
 * (an admin's own) is laid over the seed's: its lists replace the seed's lists
 * key by key, so it only needs the parts it changes.
 */

export const SEED_RULES_PATH = path.join(SEED_DIR, 'bundle-rules.json');
export const DEFAULT_OCCASION = 'default';

const name = z
  .string()
  .trim()
  .min(1)
  .transform((value) => value.toLowerCase());
const complementList = z
  .array(name)
  .min(2, { message: 'list at least 2 complementary categories' })
  .max(5, { message: 'list at most 5 complementary categories' })
  .refine((list) => new Set(list).size === list.length, { message: 'a category is listed twice' });

const rulesShape = {
  version: z.literal(1),
  occasions: z.array(name),
  /** main category → occasion (or "default") → complementary categories, best first */
  complements: z.record(name, z.record(name, complementList)),
  color_harmony: z.object({
    neutrals: z.array(name),
    /** garment colour → accessory colours that go with it (neutrals always go) */
    palettes: z.record(name, z.array(name)),
  }),
  price_band: z.object({ max_ratio_to_main: z.number().positive() }),
};

const rulesSchema = z.object(rulesShape).superRefine((rules, ctx) => {
  const occasions = new Set(rules.occasions);
  for (const [category, byOccasion] of Object.entries(rules.complements)) {
    if (!byOccasion[DEFAULT_OCCASION]) {
      ctx.addIssue({
        code: 'custom',
        path: ['complements', category],
        message: `needs a "${DEFAULT_OCCASION}" list for ${category} without an occasion`,
      });
    }
    for (const [occasion, list] of Object.entries(byOccasion)) {
      if (occasion !== DEFAULT_OCCASION && !occasions.has(occasion)) {
        ctx.addIssue({
          code: 'custom',
          path: ['complements', category, occasion],
          message: `"${occasion}" is not in occasions; add it there or fix the spelling`,
        });
      }
      if (list.includes(category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['complements', category, occasion],
          message: `a ${category} cannot complement itself`,
        });
      }
    }
  }
});

export type BundleRules = z.infer<typeof rulesSchema>;

/** The admin's overlay: any part of the rules, each list replacing the seed's. */
const overlaySchema = z.object({
  version: rulesShape.version.optional(),
  occasions: rulesShape.occasions.optional(),
  complements: z.record(name, z.record(name, complementList)).optional(),
  color_harmony: z
    .object({ neutrals: rulesShape.color_harmony.shape.neutrals.optional(), palettes: z.record(name, z.array(name)) })
    .partial()
    .optional(),
  price_band: rulesShape.price_band.optional(),
});

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw bundleError('RULES_INVALID', `Cannot read the bundle rules file ${file}: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw bundleError('RULES_INVALID', `The bundle rules file ${file} is not valid JSON: ${(cause as Error).message}`);
  }
}

function describeIssues(file: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  return `The bundle rules in ${file} are not valid (see seed/bundle-rules.json for the shape): ${problems.join('; ')}`;
}

/** Checks rules given as a value (tests, an admin console); throws a BundleError naming every problem. */
export function parseBundleRules(value: unknown, source = 'bundle rules'): BundleRules {
  const parsed = rulesSchema.safeParse(value);
  if (!parsed.success) throw bundleError('RULES_INVALID', describeIssues(source, parsed.error));
  return parsed.data;
}

export interface LoadBundleRulesOptions {
  /** The seed's rules file; tests point it elsewhere. */
  seedPath?: string;
  /** An admin's file laid over the seed's. */
  extraPath?: string;
}

export async function loadBundleRules(options: LoadBundleRulesOptions = {}): Promise<BundleRules> {
  const seedPath = options.seedPath ?? SEED_RULES_PATH;
  const base = parseBundleRules(await readJson(seedPath), seedPath);
  if (!options.extraPath) return base;
  const overlay = overlaySchema.safeParse(await readJson(options.extraPath));
  if (!overlay.success) throw bundleError('RULES_INVALID', describeIssues(options.extraPath, overlay.error));
  const extra = overlay.data;
  const complements = { ...base.complements };
  for (const [category, byOccasion] of Object.entries(extra.complements ?? {})) {
    complements[category] = { ...complements[category], ...byOccasion };
  }
  const merged = {
    version: 1,
    occasions: [...new Set([...base.occasions, ...(extra.occasions ?? [])])],
    complements,
    color_harmony: {
      neutrals: extra.color_harmony?.neutrals ?? base.color_harmony.neutrals,
      palettes: { ...base.color_harmony.palettes, ...extra.color_harmony?.palettes },
    },
    price_band: extra.price_band ?? base.price_band,
  };
  return parseBundleRules(merged, `${seedPath} with ${options.extraPath} over it`);
}

/** The complement list for a main category and occasion, and the occasion it was found under (null: default). */
export function complementsFor(
  rules: BundleRules,
  category: string,
  occasion: string | null,
): { categories: string[]; occasion: string | null } | undefined {
  const byOccasion = rules.complements[category.toLowerCase()];
  if (!byOccasion) return undefined;
  const forOccasion = occasion ? byOccasion[occasion] : undefined;
  if (forOccasion) return { categories: forOccasion, occasion };
  return { categories: byOccasion[DEFAULT_OCCASION]!, occasion: null };
}
