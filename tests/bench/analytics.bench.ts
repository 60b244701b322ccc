/**
 * Analytics figures (issue 14): a 1,000,000-event log of 100,000 customers on a generated
 * 12-stage blueprint — parse from 1 MiB-ish chunks, map + journey analytics, all six attribution
 * models, and the three together; the simulator replay (conformance) on its own; and the BG/NBD +
 * Gamma-Gamma fit on 2,500 customers. Medians of 3, wall and CPU time.
 */
import {
  analyzeJourney,
  attributeAll,
  buildPaths,
  checkConformance,
  createEventLogParser,
  customerLifetimeValue,
  mapTouchpoints,
  type EventLog,
  type Purchase,
} from '../../shared/analytics/index.ts';
import { simulateCustomers } from '../../shared/analytics/simulate-clv.ts';
import { generateBlueprint, seededRandom, CHANNELS, type Blueprint } from '../../shared/model/index.ts';
import { median, ms, report, timeSync } from './stats.ts';

const CUSTOMERS = 100_000;
const EVENTS_PER_CUSTOMER = 10;

/** The log as CSV chunks of about 1 MiB (what a file stream hands the parser). */
function eventChunks(blueprint: Blueprint): string[] {
  const random = seededRandom(14);
  const stages = [...blueprint.stages].sort((a, b) => (a.order < b.order ? -1 : 1));
  const byStage = stages.map((s) => blueprint.cards.filter((c) => c.stageId === s.id && c.kind === 'touchpoint').map((c) => c.id));
  const chunks: string[] = [];
  let chunk = 'customer,at,touchpoint,conversion\n';
  const t0 = Date.UTC(2026, 0, 1);
  for (let c = 0; c < CUSTOMERS; c++) {
    let stage = 0;
    let t = t0 + random.int(180) * 86_400_000;
    for (let i = 0; i < EVENTS_PER_CUSTOMER - 1; i++) {
      if (random.chance(0.3) && stage < stages.length - 1) stage++;
      const cards = byStage[stage]!;
      const touchpoint =
        cards.length > 0 && !random.chance(0.1)
          ? random.pick(cards)
          : random.chance(0.5)
            ? random.pick(CHANNELS)
            : `campaign-${random.int(20)}`;
      t += random.int(4 * 86_400) * 1000;
      chunk += `c${c},${new Date(t).toISOString()},${touchpoint},0\n`;
    }
    t += random.int(86_400) * 1000;
    const converts = random.chance(0.05 + stage * 0.04);
    chunk += `c${c},${new Date(t).toISOString()},${converts ? 'purchase' : 'visit'},${converts ? 10 + random.int(200) : 0}\n`;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(chunk);
  return chunks;
}

function parse(chunks: readonly string[]): EventLog {
  const parser = createEventLogParser('csv');
  for (const c of chunks) parser.push(c);
  return parser.end();
}

export async function run(): Promise<void> {
  const blueprint = generateBlueprint({ seed: 42, stages: 12, cards: 400, flowRatio: 0.5 });
  const chunks = eventChunks(blueprint);
  const log = parse(chunks);
  const label = `(${(log.size / 1e6).toFixed(1)} M events, ${(log.customerNames.length / 1000).toFixed(0)} k customers)`;
  const figure = (name: string, fn: () => unknown, runs = 3) => {
    const { wall, cpu } = timeSync(runs, fn, 1);
    report('analytics', name, `${ms(median(wall))} wall, ${ms(median(cpu))} cpu`);
  };
  figure(`parse CSV from chunks ${label}`, () => parse(chunks));
  const mapping = mapTouchpoints(blueprint, log.touchpointNames);
  figure('map touchpoints + journey analytics', () => analyzeJourney(blueprint, log, mapTouchpoints(blueprint, log.touchpointNames)));
  figure('paths + all six attribution models', () => attributeAll(log, buildPaths(log)));
  figure('parse + analytics + six models (budget 5 s)', () => {
    const l = parse(chunks);
    analyzeJourney(blueprint, l, mapTouchpoints(blueprint, l.touchpointNames));
    attributeAll(l, buildPaths(l));
  });
  const conformance = checkConformance(blueprint, log, mapping);
  figure(
    `conformance: replay ${conformance.replayed.toLocaleString('en')} customers in the simulator`,
    () => checkConformance(blueprint, log, mapping),
    3,
  );

  const random = seededRandom(2500);
  const sim = simulateCustomers(random, 2500, { r: 0.5, alpha: 6, a: 0.7, b: 2.5 }, { p: 6, q: 4, gamma: 15 }, () => 20 + random.int(30));
  const purchases: Purchase[] = [];
  sim.forEach((c, i) => {
    const first = 20_000 - Math.round(c.T * 7);
    c.times.forEach((t, k) => purchases.push({ customer: `c${i}`, day: first + Math.round(t * 7), value: c.values[k]! }));
  });
  figure('BG/NBD + Gamma-Gamma fit + CLV, 2,500 customers (budget 1 s)', () =>
    customerLifetimeValue(purchases, { calibrationEnd: 20_000 }),
  );
}
