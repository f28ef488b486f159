import { describe, expect, it } from 'vitest';
import { validateRow } from '../../src/catalog/validate-row.ts';

const base = {
  sku: 'DR-1042',
  title: 'Chiffon maxi dress',
  category: 'dress',
  price_tiers: '50:12.50|200:10.80|1000:9.20',
};

describe('validateRow', () => {
  it('fills the defaults CONTRACT.md gives for absent fields', () => {
    const { product, errors } = validateRow(base);
    expect(errors).toEqual([]);
    expect(product).toMatchObject({
      currency: 'USD',
      moq: 50,
      status: 'active',
      dropship: false,
      stock: null,
      sample_price: null,
      factory: null,
      colors: [],
    });
  });

  it.each([
    [{ sku: 'has space' }, 'sku', /1–64 of/],
    [{ sku: 'x'.repeat(65) }, 'sku', /1–64 of/],
    [{ title: '' }, 'title', /required/],
    [{ price_tiers: '' }, 'price_tiers', /required/],
    [{ price_tiers: '50-12' }, 'price_tiers', /not min_qty:unit_price/],
    [{ price_tiers: '50:12|50:11' }, 'price_tiers', /quantities must rise/],
    [{ price_tiers: '50:12|100:13' }, 'price_tiers', /must fall or stay/],
    [{ price_tiers: '2.5:12' }, 'price_tiers', /whole number/],
    [{ moq: '0' }, 'moq', /at least 1/],
    [{ moq: '10' }, 'moq', /below the first price tier/],
    [{ moq: '1.5' }, 'moq', /whole number/],
    [{ currency: 'DOLLARS' }, 'currency', /ISO 4217/],
    [{ stock: '-3' }, 'stock', /at least 0/],
    [{ sample_price: 'free' }, 'sample_price', /expected a number/],
    [{ dropship: 'maybe' }, 'dropship', /true or false/],
    [{ status: 'deleted' }, 'status', /active or archived/],
    [{ image_urls: 'ftp://files/x.png' }, 'image_urls', /http\(s\) URL/],
    [{ colors: ['red', 'a|b'] }, 'colors', /contains "\|"/],
    [{ tags: { a: 1 } }, 'tags', /expected a list/],
  ])('rejects %o on %s', (patch, field, reason) => {
    const { product, errors } = validateRow({ ...base, ...patch });
    expect(product).toBeUndefined();
    expect(errors).toContainEqual({ field, reason: expect.stringMatching(reason) });
  });

  it('normalises known categories and warns about unknown ones, keeping them', () => {
    expect(validateRow({ ...base, category: 'Jewellery' }).product?.category).toBe('jewelry');
    const unknown = validateRow({ ...base, category: 'Phone case' });
    expect(unknown.product?.category).toBe('Phone case');
    expect(unknown.warnings).toEqual([{ field: 'category', reason: expect.stringMatching(/not in the taxonomy/) }]);
  });

  it('accepts yes/no booleans, decimal commas, and trims and dedupes list items', () => {
    const { product } = validateRow({
      ...base,
      dropship: 'Yes',
      sample_price: '12,5',
      colors: ' red | red|navy ',
      price_tiers: '1:3|10:2.999999',
    });
    expect(product).toMatchObject({ dropship: true, sample_price: 12.5, colors: ['red', 'navy'], moq: 1 });
    expect(product?.price_tiers[1]?.unit_price).toBe(3);
  });

  it('warns about columns it does not know', () => {
    expect(validateRow({ ...base, colour: 'red' }).warnings).toEqual([
      { field: 'colour', reason: 'unknown column, ignored' },
    ]);
  });
});
