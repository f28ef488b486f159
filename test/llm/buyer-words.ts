/**
 * How the scripted well-behaved model reads a buyer: the words for each
 * request in en, es, fr, pt, de, ru, ar and zh (it and tr only for attempts to
 * change the rules and the shortlist), as a multilingual model would understand them. JavaScript's \b only knows ASCII
 * letters, so words in other scripts are matched without it.
 */

export const BUYER_WORDS = {
  injection:
    /\bignor(e|a)\b|ignoriere|игнорируй|تجاهل|忽略|^system:|admin mode|you are now|other buyers|previous buyer|otros compradores|autres acheteurs|outros compradores|anderer käufer|других покупателей|المشترين الآخرين|其他买家|altri acquirenti|talimat|diğer alıcı/,
  offTopic: /weather|\bpoem|\bjoke|football|soccer|who won|\bnews\b/,
  greeting: /^(hi|hello|hey|help|what can you do|hola|bonjour|hallo)\b|^(olá|привет|مرحبا|你好)/,
  showShortlist:
    /shortlist|my list|mi lista|la mia lista|listem|ma sélection|ma liste|minha lista|meine liste|мой список|قائمتي|我的清单/,
  remove: /\bremove\b|\bquita|\belimina|\bretire|\bsupprime|\bremov|\bentferne|удали|убери|احذف|أزل|移除|删掉/,
  add: /\badd\b|añade|agrega|ajoute|adiciona|füge|hinzu|добавь|أضف|加入|添加/,
  handoff:
    /\b(sales|salesperson|human|a person|quote)\b|comercial|commercial humain|vendedor|verkäufer|менеджер|مندوب|销售/,
  swap: /\b(swap|change|replace|another|other)\b|cambia|otro|remplace|autre|troca|outr[oa]|tausch|ander|замени|другую|غيّر|换/,
  bundle:
    /\b(bundle|set|outfit|complete the look|look)\b|conjunto|ensemble|tenue|komplett|outfit|комплект|образ для|طقم|搭配|套装/,
  cheaper: /cheaper|más barat|moins cher|mais barat|billiger|günstiger|дешевле|أرخص|便宜/,
  price:
    /how much|price|cuánto|cuanto|precio|combien|prix|quanto|preço|wie ?viel|preis|kostet|сколько|цена|كم|السعر|多少钱|价格/,
  sample: /sample|muestra|échantillon|amostra|muster|образ(е|ц)|عينة|样品/,
  leadTime: /lead time|delivery time|plazo|délai|prazo|lieferzeit|срок|مدة|交期|交货/,
  moq: /minimum order|\bmoq\b|pedido mínimo|minimum de commande|mindestbestell|минимальн|الحد الأدنى|起订/,
  customization: /custom|logo|personaliz|personnalis|anpass|логотип|شعار|定制/,
  details: /details|more about|tell me about|detalles|détails|detalhes|einzelheiten|подробн|تفاصيل|详情/,
  more: /^(show )?more\b|^(ver|voir|mostrar|mostre|zeig|zeige) (más|plus|mais|mehr)|^ещё|^еще|المزيد|^更多/,
  refine: /^(in|only|same but|but|size|en|solo|seulement|só|nur|talla|taille|tamanho|größe|размер)\b/,
} as const;

/** A product question about one product (the one in focus unless named). */
export const productQuestion = new RegExp(
  [BUYER_WORDS.sample, BUYER_WORDS.leadTime, BUYER_WORDS.moq, BUYER_WORDS.customization].map((r) => r.source).join('|'),
);

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|primer[oa]?|premi(er|ère)|primeir[oa]|erste[nrs]?)\b|перв|الأول|第一/, 1],
  [/\b(second|segund[oa]|deuxième|seconde?|zweite[nrs]?)\b|втор|الثاني|第二/, 2],
  [/\b(third|tercer[oa]?|troisième|terceir[oa]|dritte[nrs]?)\b|трет|الثالث|第三/, 3],
  [/\b(fourth|cuart[oa]|quatrième|quart[oa]|vierte[nrs]?)\b|четв[её]рт|الرابع|第四/, 4],
  [/\b(fifth|quint[oa]|cinquième|fünfte[nrs]?)\b|пят|الخامس|第五/, 5],
];

/** "the second one" in any of the languages: a position in the list shown. */
export function ordinalIn(lower: string): number | undefined {
  return ORDINALS.find(([word]) => word.test(lower))?.[1];
}

const PIECES = /(\d+)\s*(?:pcs|pieces|pc|units|piezas|unidades|pièces|peças|stück|stk|шт|قطعة|件)/i;

/** The buyer's quantity: a number with a unit word, else a bare number (not a SKU's, not a budget). */
export function quantityIn(text: string): number | undefined {
  const plain = text.replace(/\b[A-Z]{1,6}-\d+\b/g, '').replace(/(?:US)?\$\s*\d+(?:\.\d+)?/g, '');
  const found = PIECES.exec(plain)?.[1] ?? /(\d+)/.exec(plain)?.[1];
  return found ? Number(found) : undefined;
}

const CATEGORIES: Array<[RegExp, string]> = [
  [/\bbags?\b|bolso|bolsa|\bsac\b|tasche|сумк|حقيبة|包/, 'bag'],
  [/\bshoes?\b|zapato|chaussure|sapato|schuhe|туфл|обув|حذاء|鞋/, 'shoes'],
  [/jewel|earring|necklace|joya|bijou|joia|schmuck|украшен|مجوهرات|首饰/, 'jewelry'],
  [/\bdress|vestido|\brobe|kleid|плать|فستان|فساتين|裙|礼服/, 'dress'],
];

/** The product category a message names, in English as the catalog spells it. */
export function categoryIn(lower: string): string | undefined {
  return CATEGORIES.find(([word]) => word.test(lower))?.[1];
}
