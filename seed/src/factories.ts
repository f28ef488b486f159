/** The seed's factories: real manufacturing clusters for each product group. */

export interface Factory {
  name: string;
  city: string;
  province: string;
  specialties: string[];
  description: string;
}

export const DRESS_FACTORY = 'Guangzhou Lian Garments';
export const EVENING_FACTORY = 'Humen Xinyue Evening Wear';
export const SHOE_FACTORY = 'Wenzhou Ruifeng Footwear';
export const BAG_FACTORY = 'Guangzhou Shiling Jiahe Leather Goods';
export const ACCESSORY_FACTORY = 'Yiwu Starshine Accessories';
export const SILK_FACTORY = 'Hangzhou Silkroad Scarves';

export const FACTORIES: Factory[] = [
  {
    name: DRESS_FACTORY,
    city: 'Guangzhou',
    province: 'Guangdong',
    specialties: ['dresses', 'maxi dresses', 'sundresses', 'shirt dresses', 'tops', 'skirts', 'jumpsuits', 'plus size'],
    description:
      'Womenswear workshop in Haizhu district, Guangzhou, with 120 sewing operators and an in-house pattern room. Makes chiffon, linen, cotton and viscose dresses for online boutiques; small-batch orders from 30 pieces and private labels welcome.',
  },
  {
    name: EVENING_FACTORY,
    city: 'Dongguan',
    province: 'Guangdong',
    specialties: [
      'evening gowns',
      'cocktail dresses',
      'prom dresses',
      'sequin and beading',
      'modest wear',
      'plus size',
    ],
    description:
      'Occasion-wear maker in Humen town, Dongguan, known for sequin, satin and tulle gowns with hand beading. Supplies bridal and prom boutiques in Europe, the Gulf and North America; also produces abaya-style modest maxi dresses.',
  },
  {
    name: SHOE_FACTORY,
    city: 'Wenzhou',
    province: 'Zhejiang',
    specialties: ['heels', 'block heels', 'sandals', 'flats', 'espadrilles', 'sneakers', 'ankle boots'],
    description:
      'Women’s footwear factory in Lucheng district, Wenzhou, with two lasting lines and a sample room that turns new styles in a week. PU and genuine leather uppers, EU sizes 35–41 (42–43 on request).',
  },
  {
    name: BAG_FACTORY,
    city: 'Guangzhou',
    province: 'Guangdong',
    specialties: ['handbags', 'clutches', 'evening bags', 'totes', 'crossbody bags', 'straw beach bags', 'belts'],
    description:
      'Handbag and small leather goods maker in Shiling, Huadu district, Guangzhou’s leather hub. Vegan PU, split leather, satin and woven straw bags, plus leather belts; embossed logos and custom dust bags available.',
  },
  {
    name: ACCESSORY_FACTORY,
    city: 'Yiwu',
    province: 'Zhejiang',
    specialties: ['jewelry', 'earrings', 'necklaces', 'hats', 'sunglasses', 'fashion belts', 'hair accessories'],
    description:
      'Fashion accessories supplier in Yiwu with its own plating line for gold-plated brass and stainless steel jewellery, plus straw hats, fascinators and sunglasses. Low MOQs, mixed-style orders and ready stock for dropshipping.',
  },
  {
    name: SILK_FACTORY,
    city: 'Hangzhou',
    province: 'Zhejiang',
    specialties: ['silk scarves', 'chiffon scarves', 'hijabs', 'shawls', 'digital printing'],
    description:
      'Scarf mill in Xiaoshan, Hangzhou, weaving and digitally printing mulberry silk, chiffon and modal jersey. Custom prints from 50 pieces, hand-rolled hems, hijabs in 40+ stock colours.',
  },
];
