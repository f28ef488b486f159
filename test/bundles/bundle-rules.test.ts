import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { complementsFor, loadBundleRules, SEED_RULES_PATH } from '../../src/bundles/bundle-rules.ts';

async function rulesFile(name: string, value: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'showroom-rules-'));
  const file = path.join(dir, name);
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

describe('bundle rules', () => {
  it('loads the seed rules: complements per occasion, palettes and the price band', async () => {
    const rules = await loadBundleRules();
    expect(complementsFor(rules, 'dress', 'beach')).toEqual({
      categories: ['shoes', 'bag', 'hat', 'sunglasses', 'jewelry'],
      occasion: 'beach',
    });
    expect(complementsFor(rules, 'top', 'prom')).toEqual({
      categories: ['skirt', 'shoes', 'bag', 'jewelry'],
      occasion: null,
    });
    expect(complementsFor(rules, 'shoes', null)).toBeUndefined();
    expect(rules.color_harmony.palettes.red).toContain('gold');
    expect(rules.price_band.max_ratio_to_main).toBe(1.5);
  });

  it("lays an admin's file over the seed's, list by list", async () => {
    const extra = await rulesFile('mine.json', {
      occasions: ['picnic'],
      complements: { dress: { picnic: ['hat', 'bag'] }, shoes: { default: ['bag', 'belt'] } },
      color_harmony: { palettes: { teal: ['gold', 'white'] } },
      price_band: { max_ratio_to_main: 2 },
    });
    const rules = await loadBundleRules({ extraPath: extra });
    expect(rules.complements.dress!.picnic).toEqual(['hat', 'bag']);
    expect(rules.complements.dress!.beach).toEqual(['shoes', 'bag', 'hat', 'sunglasses', 'jewelry']);
    expect(rules.complements.shoes!.default).toEqual(['bag', 'belt']);
    expect(rules.color_harmony.palettes.teal).toEqual(['gold', 'white']);
    expect(rules.color_harmony.palettes.red).toContain('gold');
    expect(rules.occasions).toContain('beach');
    expect(rules.price_band.max_ratio_to_main).toBe(2);
  });

  it('names every mistake in a rules file with its path', async () => {
    const file = await rulesFile('bad.json', {
      version: 1,
      occasions: ['beach'],
      complements: {
        dress: { beach: ['shoes'], picnic: ['bag', 'hat'], default: ['dress', 'bag'] },
        top: { beach: ['bag', 'hat'] },
      },
      color_harmony: { neutrals: ['black'], palettes: {} },
      price_band: { max_ratio_to_main: 0 },
    });
    const error = await loadBundleRules({ seedPath: file }).catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ name: 'BundleError', code: 'RULES_INVALID' });
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('complements.dress.beach: list at least 2 complementary categories');
    expect(message).toContain('complements.dress.picnic: "picnic" is not in occasions');
    expect(message).toContain('complements.dress.default: a dress cannot complement itself');
    expect(message).toContain('complements.top: needs a "default" list');
    expect(message).toContain('price_band.max_ratio_to_main');
  });

  it('says which file is not JSON', async () => {
    const file = await rulesFile('broken.json', '{"version": 1,');
    await expect(loadBundleRules({ extraPath: file })).rejects.toThrow(
      `The bundle rules file ${file} is not valid JSON`,
    );
    await expect(
      loadBundleRules({ seedPath: path.join(path.dirname(SEED_RULES_PATH), 'missing.json') }),
    ).rejects.toThrow(/Cannot read the bundle rules file .*missing\.json/);
  });
});
