import type { BundleRules } from './bundle-rules.ts';

/**
 * Colour harmony from the rules: an accessory goes with a garment when it
 * comes in the garment's own colour, a colour of its palette, or a neutral.
 * Products list several colours; the piece is offered in the best of them.
 */

export type HarmonyKind = 'match' | 'palette' | 'neutral';

export interface Harmony {
  /** The item colour to offer. */
  color: string;
  kind: HarmonyKind;
}

const STRENGTH: Record<HarmonyKind, number> = { match: 2, palette: 2, neutral: 1 };

export function harmonyStrength(harmony: Harmony): number {
  return STRENGTH[harmony.kind];
}

/** How one colour relates to the main colour, or undefined when it clashes. */
export function colorRelation(rules: BundleRules, mainColor: string | null, color: string): HarmonyKind | undefined {
  const c = color.toLowerCase();
  if (mainColor && c === mainColor.toLowerCase()) return 'match';
  if (mainColor && rules.color_harmony.palettes[mainColor.toLowerCase()]?.includes(c)) return 'palette';
  if (rules.color_harmony.neutrals.includes(c)) return 'neutral';
  return undefined;
}

/** The item colour that goes best with the main colour (catalog order breaks ties), or undefined. */
export function bestHarmony(
  rules: BundleRules,
  mainColor: string | null,
  itemColors: readonly string[],
): Harmony | undefined {
  let best: Harmony | undefined;
  for (const color of itemColors) {
    const kind = colorRelation(rules, mainColor, color);
    if (kind && (!best || STRENGTH[kind] > STRENGTH[best.kind])) best = { color, kind };
  }
  return best;
}

/** "gold goes with red", "red to match the dress", "neutral black": the colour part of an item's why. */
export function describeHarmony(harmony: Harmony, mainColor: string | null, mainWord = 'the main piece'): string {
  if (harmony.kind === 'match') return `${harmony.color} to match ${mainWord}`;
  if (harmony.kind === 'palette') return `${harmony.color} goes with ${mainColor}`;
  return `neutral ${harmony.color}`;
}
