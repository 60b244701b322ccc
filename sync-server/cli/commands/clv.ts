import {
  averageBy,
  createPurchaseLogParser,
  customerLifetimeValue,
  dayOf,
  parseTimestamp,
  PERIOD_DAYS,
  type Period,
} from '../../../shared/analytics/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { readTable } from '../read-table.ts';

const clv: CliCommand = {
  name: 'clv',
  summary: 'Fit BG/NBD + Gamma-Gamma to purchases and value each customer (CLV)',
  help: `Usage: journeyscroll clv PURCHASES.csv --calibration-end YYYY-MM-DD [--period day|week|month] [--horizon N] [--discount R] [--json]

PURCHASES has the header customer,date,value (and optionally persona). Purchases on the same day
are merged; frequency, recency and age are measured up to the calibration end in --period units
(default week). Prints the fitted parameters and per customer the expected purchases over the next
--horizon periods (default 52), P(alive) and the CLV discounted at the yearly rate --discount
(default 0.1). --json prints {"customers", "bgnbd": {"r","alpha","a","b","logLikelihood"},
"gammaGamma": {"p","q","gamma","customers"}, "perCustomer": [...], "byPersona": [...]}.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        'calibration-end': { type: 'string' },
        period: { type: 'string' },
        horizon: { type: 'string' },
        discount: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    const file = positionals[0];
    if (!file) throw new UsageError('missing PURCHASES.csv');
    const endText = values['calibration-end'];
    if (!endText) throw new UsageError('missing --calibration-end YYYY-MM-DD');
    const end = /^\d{4}-\d{2}-\d{2}$/.test(endText) ? parseTimestamp(endText) : NaN;
    if (Number.isNaN(end)) throw new UsageError(`--calibration-end must be a date YYYY-MM-DD, not "${endText}"`);
    const period = (values.period ?? 'week') as Period;
    if (!(period in PERIOD_DAYS)) throw new UsageError(`--period must be day, week or month, not "${values.period}"`);
    const horizon = values.horizon === undefined ? 52 : Number(values.horizon);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10_000)
      throw new UsageError(`--horizon must be a whole number of periods from 1, not "${values.horizon}"`);
    const discount = values.discount === undefined ? 0.1 : Number(values.discount);
    if (!Number.isFinite(discount) || discount < 0 || discount >= 10)
      throw new UsageError(`--discount must be a yearly rate like 0.1, not "${values.discount}"`);
    const log = await readTable(io.cwd, file, createPurchaseLogParser);
    const result = customerLifetimeValue(log.purchases, { calibrationEnd: dayOf(end), period, horizon, discount });
    const byPersona = averageBy(result.perCustomer, (c) => log.personas.get(c));
    if (values.json) io.stdout(`${JSON.stringify({ ...result, byPersona }, null, 2)}\n`);
    else {
      const f = (n: number) => n.toFixed(4);
      const { r, alpha, a, b, logLikelihood } = result.bgnbd;
      const g = result.gammaGamma;
      const total = result.perCustomer.reduce((s, c) => s + c.clv, 0);
      io.stdout(
        `${result.customers} customers; period ${period}, horizon ${horizon}, yearly discount ${discount}\n` +
          `BG/NBD        r ${f(r)}  alpha ${f(alpha)}  a ${f(a)}  b ${f(b)}  log-likelihood ${logLikelihood.toFixed(2)}\n` +
          `Gamma-Gamma   p ${f(g.p)}  q ${f(g.q)}  gamma ${f(g.gamma)}  (${g.customers} repeat customers)\n` +
          `CLV           total ${total.toFixed(2)}, mean ${(total / result.customers).toFixed(2)}\n` +
          byPersona.map((p) => `  ${p.group}: ${p.customers} customers, mean CLV ${p.clv.toFixed(2)}\n`).join(''),
      );
    }
    return 0;
  },
};
export default clv;
