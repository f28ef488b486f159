import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicon, type Lexicon } from '../../src/search/lexicon.ts';
import { understand } from '../../src/search/understand.ts';

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadLexicon();
});

const NOW = new Date('2026-11-21T12:00:00Z');
const read = (text: string) => understand(lexicon, text, NOW);

describe('request understanding', () => {
  it('reads every slot of a long English request', () => {
    const u = read('need 300 red chiffon maxi dresses for beach weddings under $12, ship to Spain');
    expect(u).toMatchObject({
      language: 'en',
      category: 'dress',
      product_types: ['maxi dress'],
      colors: ['red'],
      materials: ['chiffon'],
      quantity: 300,
      budget: { amount: 12, currency: 'USD', per: 'unit' },
      destination: { country: 'ES' },
    });
    expect(u.occasions).toEqual(expect.arrayContaining(['beach', 'wedding guest']));
  });

  it.each([
    [
      'vestidos de fiesta negros talla M, 50 piezas',
      'es',
      { category: 'dress', colors: ['black'], sizes: ['M'], quantity: 50 },
    ],
    ['robe de soirée rouge pas chère', 'fr', { category: 'dress', colors: ['red'], cheap: true }],
    [
      'vestido longo branco para casamento na praia, 200 peças',
      'pt',
      { category: 'dress', colors: ['white'], quantity: 200 },
    ],
    [
      'schwarzes Abendkleid Größe M, 100 Stück',
      'de',
      { category: 'dress', colors: ['black'], sizes: ['M'], quantity: 100 },
    ],
    ['vestito lungo rosso da sera, 50 pezzi', 'it', { category: 'dress', colors: ['red'], quantity: 50 }],
    ['платье макси белое', 'ru', { category: 'dress', product_types: ['maxi dress'], colors: ['white'] }],
    ['فستان سهرة أسود', 'ar', { category: 'dress', colors: ['black'] }],
    ['kırmızı abiye elbise 300 adet', 'tr', { category: 'dress', colors: ['red'], quantity: 300 }],
    ['红色长裙 300件', 'zh', { category: 'dress', colors: ['red'], quantity: 300 }],
  ])('understands %s (%s)', (text, language, expected) => {
    expect(read(text)).toMatchObject({ language, ...expected });
  });

  it('survives typos', () => {
    expect(read('chifon maxy dres')).toMatchObject({
      category: 'dress',
      product_types: ['maxi dress'],
      materials: ['chiffon'],
    });
    // A destination one letter off is still read; a word two letters off a country is a word, kept to rank by.
    expect(read('ship to spian').destination).toEqual({ country: 'ES', name: 'Spain' });
    const ribbed = read('vestido midi de malha canelada');
    expect(ribbed.destination).toBeUndefined();
    expect(ribbed.keywords).toContain('canelada');
  });

  it('reads German compounds as their two parts, only when both are known', () => {
    expect(read('Leinenkleider für den Sommer, 50 Stück')).toMatchObject({
      category: 'dress',
      materials: ['linen'],
      quantity: 50,
    });
    expect(read('Baumwollkleider mit OEKO-TEX')).toMatchObject({
      category: 'dress',
      materials: ['cotton'],
      certifications: ['OEKO-TEX'],
    });
    expect(read('Lederrock schwarz')).toMatchObject({ category: 'skirt', materials: ['leather'], colors: ['black'] });
    expect(read('Strandtasche aus Stroh').category).toBe('bag');
    // "Kleiderbügel" (a hanger) ends in no known term: it is not read as a dress.
    expect(read('Kleiderbügel 500 Stück').category).toBeUndefined();
  });

  it('reads "A-line" as a cut, not a dress: an A-line skirt is a skirt', () => {
    expect(read('A-line skirts, 50 pcs')).toMatchObject({ category: 'skirt', product_types: [] });
    expect(read('A字裙 黑色')).toMatchObject({ category: 'skirt', colors: ['black'] });
    expect(read('pastel A-line dress for graduation')).toMatchObject({
      category: 'dress',
      product_types: ['a-line dress'],
    });
  });

  it.each([
    ['3k pcs of sandals', 3000],
    ['3,000 pieces', 3000],
    ['trescientas piezas de vestidos', 300],
    ['need 1.5k dresses', 1500],
    ['500 штук платьев', 500],
    ['dropshipping supplier for maxi dresses, single pieces', 1],
  ])('reads the quantity in "%s"', (text, quantity) => {
    expect(read(text).quantity).toBe(quantity);
  });

  it.each([
    ['red dresses under $12', { amount: 12, currency: 'USD', per: 'unit' }],
    ['menos de 10 euros', { amount: 10, currency: 'EUR', per: 'unit' }],
    ['12 usd each', { amount: 12, currency: 'USD', per: 'unit' }],
    ['300 dresses, budget 3000 total', { amount: 3000, currency: 'USD', per: 'total' }],
    ['dresses no more than 9 dollars', { amount: 9, currency: 'USD', per: 'unit' }],
    ['heels 8-10 usd', { amount: 10, min: 8, currency: 'USD', per: 'unit' }],
    ['платье до 500 рублей', { amount: 500, currency: 'RUB' }],
  ])('reads the budget in "%s"', (text, budget) => {
    expect(read(text).budget).toMatchObject(budget);
  });

  it('keeps the quantity and the budget apart', () => {
    const u = read('300 pcs at 12 usd each');
    expect(u.quantity).toBe(300);
    expect(u.budget).toMatchObject({ amount: 12, per: 'unit' });
  });

  it.each([
    ['within 3 weeks', 21],
    ['in 10 days', 10],
    ['dentro de 2 semanas', 14],
  ])('reads the lead time in "%s"', (text, days) => {
    expect(read(`dresses ${text}`).deadline?.days).toBe(days);
  });

  it('reads a month deadline as the days until it', () => {
    const deadline = read('need by March').deadline;
    expect(deadline?.date).toBe('2027-03-01');
    expect(deadline?.days).toBe(99);
  });

  it('reads Turkish dates with "by" after them and a case ending on the month', () => {
    expect(read("15 Haziran'a kadar 300 adet elbise").deadline).toMatchObject({ date: '2027-06-15' });
    expect(read("Mart'tan önce lazım").deadline).toMatchObject({ date: '2027-03-01' });
    expect(read('en geç 15 Haziran').deadline).toMatchObject({ date: '2027-06-15' });
    expect(read('elbise hazirana kadar').deadline).toMatchObject({ date: '2027-06-01' });
    // Only full month names, before the words a language writes after the date: "mar" (sea) is no March.
    expect(read('vestidos de mar para boda').deadline).toBeUndefined();
  });

  it.each([
    // ö and ü are as Turkish as they are German: "ürün" (product) is no German word.
    ['birinci ürünü ekle, 200 adet', 'tr'],
    ['siyah ürünler 50 adet', 'tr'],
    // Spanish "en" and "son" are stopwords; "en geç" (at the latest), "son tarih" (deadline) and the month are Turkish.
    ['en geç 15 Haziran', 'tr'],
    ['son tarih 15 Haziran', 'tr'],
    ['schöne Schuhe für Damen', 'de'],
    ['grüne Kleider Größe M', 'de'],
    ['abiti neri entro il 15 giugno', 'it'],
    ['aggiungi il primo, 200 pezzi', 'it'],
  ])('tells the language of "%s" (%s) from its units, dates and letters', (text, language) => {
    const u = read(text);
    expect(u.language).toBe(language);
    expect(u.language_confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('reads several sizes after a size word', () => {
    expect(read('vestidos talla M/L').sizes).toEqual(['M', 'L']);
    expect(read('heels size 38 and 39').sizes).toEqual(['38', '39']);
    expect(read('plus size dresses 3XL').sizes).toEqual(['3XL']);
  });

  it('reads shoe sizes written before the size word, as Turkish and Chinese do', () => {
    expect(read('kırmızı topuklu ayakkabı, 38 numara').sizes).toEqual(['38']);
    expect(read('siyah babet 37 ve 38 numara').sizes).toEqual(['37', '38']);
    expect(read('女士平底凉鞋 金色 37码').sizes).toEqual(['37']);
    expect(read('尺码38 高跟鞋').sizes).toEqual(['38']);
    // A number before some other word is not a size, nor one before a size word that has its own sizes.
    expect(read('40 vestidos talla M').sizes).toEqual(['M']);
    expect(read('need 40 size M dresses').sizes).toEqual(['M']);
    // The size is not also the quantity; a quantity with its unit still is.
    const sizeOnly = read('38 beden elbise');
    expect(sizeOnly.sizes).toEqual(['38']);
    expect(sizeOnly.quantity).toBeUndefined();
    expect(read('38 numara topuklu ayakkabı, 40 çift')).toMatchObject({ sizes: ['38'], quantity: 40 });
  });

  it('reads customization, certification, dropship and stock', () => {
    const u = read('cotton dresses with my logo and private label, OEKO-TEX certified, dropshipping, in stock');
    expect(u.customization).toEqual(expect.arrayContaining(['logo', 'private_label']));
    expect(u.certifications).toEqual(['OEKO-TEX']);
    expect(u).toMatchObject({ dropship: true, in_stock: true, materials: ['cotton'] });
  });

  it('does not take the "a" in an article for a size or a number for a quantity it is not', () => {
    const u = read('a red dress for a party');
    expect(u.sizes).toEqual([]);
    expect(u.quantity).toBeUndefined();
  });
});

describe('shop words', () => {
  it('are not keywords: "for my beach shop" asks for nothing called a shop', () => {
    expect(read('sunglasses for my beach shop').keywords).not.toContain('shop');
    expect(read('gafas de sol para mi tienda online').keywords).toEqual([]);
  });
});
