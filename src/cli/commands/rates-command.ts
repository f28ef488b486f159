import { UsageError } from '../../errors.ts';
import { JSON_OPTION, writeJson, type Command } from '../command.ts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Parses "EUR=1.08" (US dollars per unit of the currency). */
function parseRate(text: string): { currency: string; usdPerUnit: number } {
  const match = /^([A-Za-z]{3})=(\d+(?:\.\d+)?)$/.exec(text.trim());
  const currency = match?.[1]?.toUpperCase();
  const usdPerUnit = Number(match?.[2]);
  if (!currency || !CURRENCIES.has(currency) || !(usdPerUnit > 0)) {
    throw new UsageError('USAGE', `"${text}" is not CODE=USD_PER_UNIT with an ISO 4217 code, e.g. EUR=1.08`);
  }
  return { currency, usdPerUnit };
}

export const ratesCommand: Command = {
  name: 'rates',
  usage: 'showroom rates [CODE=USD_PER_UNIT ...] [--json]',
  summary: 'show or set the exchange rates budgets are converted with (US dollars per unit)',
  options: { ...JSON_OPTION },
  async run(ctx) {
    const updates = ctx.positionals.map(parseRate);
    const { db } = await ctx.runtime();
    await db.transaction(async (tx) => {
      for (const { currency, usdPerUnit } of updates) {
        await tx.query(
          `insert into currency_rates (currency, usd_per_unit) values ($1, $2)
           on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit, updated_at = now()`,
          [currency, usdPerUnit],
        );
      }
    });
    const { rows } = await db.query<{ currency: string; usd_per_unit: number; updated_at: Date | string }>(
      'select currency, usd_per_unit, updated_at from currency_rates order by currency',
    );
    const rates = rows.map((r) => ({
      currency: r.currency.trim(),
      usd_per_unit: r.usd_per_unit,
      updated_at: new Date(r.updated_at).toISOString(),
    }));
    if (ctx.json) writeJson(ctx.io, { rates });
    else for (const r of rates) ctx.io.stdout.write(`${r.currency}  ${r.usd_per_unit}  (${r.updated_at})\n`);
    return 0;
  },
};
