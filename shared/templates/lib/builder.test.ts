import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../model/ids.ts';
import { compareByOrder, sortByOrder } from '../../model/order.ts';
import { blueprintSchema } from '../../model/schema.ts';
import { templateBuilder, TemplateError } from './builder.ts';
import type { TemplateBuilder } from './builder.ts';

function small(t: TemplateBuilder = templateBuilder({ title: 'Small' })) {
  const lead = t.stage('lead', 'Lead', { macroStage: 'awareness', entryCriterion: 'Fills a form', customerGoal: 'Learn' });
  const mql = t.stage('mql', 'MQL');
  const touch = t.lane('touchpoints', 'Touchpoints', 'touchpoints');
  const auto = t.lane('automation', 'Automation', 'automation');
  const webinar = t.card(lead, touch, { title: 'Webinar', channel: 'webinar', owner: 'Marketing' });
  const email = t.card(lead, touch, { title: 'Follow-up email', channel: 'email', owner: 'Marketing' });
  const route = t.card(mql, auto, {
    key: 'route',
    title: 'Route to SDR',
    owner: 'Sales ops',
    trigger: { type: 'segment', segment: 'MQL' },
    action: { type: 'notify', team: 'Sales' },
  });
  t.flow(webinar, email, { event: 'webinar.attended' });
  t.flow(email, route, { condition: 'score >= 50', label: 'Becomes MQL' });
  return { t, lead, mql, touch, auto, webinar, email, route };
}

describe('templateBuilder', () => {
  it('builds a valid blueprint with readable, deterministic ids', () => {
    const { t } = small();
    const bp = t.build();
    expect(blueprintSchema.parse(bp)).toEqual(bp);
    expect(bp.format).toBe('journeyscroll.blueprint');
    expect(bp.meta).toMatchObject({ schemaVersion: 2, minAppVersion: '0.1.0', title: 'Small', status: 'draft' });
    expect(bp.stages.map((s) => s.id)).toEqual(['st_lead', 'st_mql']);
    expect(bp.lanes.map((l) => l.id)).toEqual(['ln_automation', 'ln_touchpoints']);
    expect(bp.cards.map((c) => c.id)).toEqual(['cd_lead_follow_up_email', 'cd_lead_webinar', 'cd_mql_route']);
    expect(bp.flows.map((f) => f.id)).toEqual(['fl_lead_follow_up_email__mql_route', 'fl_lead_webinar__lead_follow_up_email']);
    expect(bp.flows[0]).toMatchObject({
      from: 'cd_lead_follow_up_email',
      to: 'cd_mql_route',
      condition: 'score >= 50',
      label: 'Becomes MQL',
    });
  });

  it('orders stages and lanes as declared and cards in a cell as written', () => {
    const { t } = small();
    const bp = t.build();
    expect(sortByOrder(bp.stages).map((s) => s.id)).toEqual(['st_lead', 'st_mql']);
    expect(sortByOrder(bp.lanes).map((l) => l.id)).toEqual(['ln_touchpoints', 'ln_automation']);
    const cell = bp.cards.filter((c) => c.stageId === 'st_lead' && c.laneId === 'ln_touchpoints').sort(compareByOrder);
    expect(cell.map((c) => c.title)).toEqual(['Webinar', 'Follow-up email']);
    // Distinct keys: the order is not left to the id tie-break.
    expect(new Set(cell.map((c) => c.order)).size).toBe(cell.length);
  });

  it('defaults the card kind from the lane and the status from the options', () => {
    const t = templateBuilder({ title: 'Kinds', cardStatus: 'active' });
    const s = t.stage('s', 'S');
    const feel = t.lane('feel', 'Feel', 'thinking-feeling');
    const custom = t.lane('notes', 'Notes', 'custom');
    t.card(s, feel, { title: 'Happy', emotion: 3 });
    t.card(s, feel, { title: 'A remark', kind: 'note', status: 'retired' });
    t.card(s, custom, { title: 'Free text' });
    const bp = t.build();
    const byTitle = new Map(bp.cards.map((c) => [c.title, c]));
    expect(byTitle.get('Happy')).toMatchObject({ kind: 'feeling', status: 'active', emotion: 3 });
    expect(byTitle.get('A remark')).toMatchObject({ kind: 'note', status: 'retired' });
    expect(byTitle.get('Free text')).toMatchObject({ kind: 'note', status: 'active' });
    expect(templateBuilder({ title: 'x' }).build().cards).toEqual([]);
  });

  it('uses the schema defaults when the template sets nothing', () => {
    const t = templateBuilder({ title: 'Defaults' });
    t.card(t.stage('s', 'S'), t.lane('l', 'L', 'customer-actions'), { title: 'Acts' });
    const [card] = t.build().cards;
    expect(card).toMatchObject({ kind: 'action', status: 'draft', notes: '', owner: '' });
  });

  it('gives the same result when built twice, and arrays sorted by id', () => {
    const a = small().t.build();
    const b = small().t.build();
    expect(a).toEqual(b);
    const { t } = small();
    expect(t.build()).toEqual(t.build());
    for (const list of [a.stages, a.lanes, a.cards, a.flows]) {
      const ids = list.map((e) => e.id);
      expect(ids).toEqual([...ids].sort());
    }
  });

  it('keeps long titles within the id limits', () => {
    const t = templateBuilder({ title: 'Long' });
    const s = t.stage('a_rather_long_stage_key', 'Stage');
    const l = t.lane('touch', 'Touch', 'touchpoints');
    const title = 'A very long touchpoint title that goes on and on about the content of the email it describes';
    const a = t.card(s, l, { title, channel: 'email', owner: 'M' });
    const b = t.card(s, l, { title: `${title} again`, key: 'second_with_its_own_longish_key', channel: 'email', owner: 'M' });
    const f = t.flow(a, b);
    for (const id of [a.id, b.id, f.id]) {
      expect(id.length).toBeLessThanOrEqual(64);
      expect(ID_PATTERN.test(id)).toBe(true);
    }
    expect(a.id.startsWith('cd_a_rather_long_stage_key_a_very_long')).toBe(true);
    expect(a.id.endsWith('_')).toBe(false);
    expect(() => t.build()).not.toThrow();
    // An explicit key is the author's word: never silently shortened.
    expect(() => t.card(s, l, { title: 'x', key: 'an_explicit_key_that_is_far_too_long_to_fit_in_an_id' })).toThrow(/is not a valid id/);
  });

  it('throws on a duplicate stage, lane or persona id', () => {
    const t = templateBuilder({ title: 'Dup' });
    t.stage('lead', 'Lead');
    expect(() => t.stage('lead', 'Lead again')).toThrow(/duplicate id "st_lead" for stage "Lead again"/);
    t.lane('touch', 'Touch', 'touchpoints');
    expect(() => t.lane('touch', 'Touch 2', 'touchpoints')).toThrow(TemplateError);
    t.persona('cfo', 'CFO');
    expect(() => t.persona('cfo', 'CFO')).toThrow(/duplicate id "pe_cfo"/);
  });

  it('throws on two cards with the same id in one stage, and says how to fix it', () => {
    const { t, lead, touch } = small();
    expect(() => t.card(lead, touch, { title: 'Webinar', channel: 'webinar', owner: 'M' })).toThrow(
      /template "Small": duplicate id "cd_lead_webinar" for card "Webinar" \(two cards in one stage need different titles or an explicit `key`\)/,
    );
    // The same title in another stage is a different card.
    const { mql } = small(templateBuilder({ title: 'Other' }));
    expect(mql.id).toBe('st_mql');
  });

  it('throws on a second flow between the same cards unless it has its own key', () => {
    const { t, webinar, email } = small();
    expect(() => t.flow(webinar, email)).toThrow(/duplicate id "fl_lead_webinar__lead_follow_up_email" for flow .*explicit `key`/);
    expect(t.flow(webinar, email, { key: 'webinar_replay', event: 'replay.watched' }).id).toBe('fl_webinar_replay');
  });

  it('throws from build() on a flow to an unknown card', () => {
    const { t, webinar } = small();
    t.flow(webinar, 'cd_lead_nowhere', { event: 'x.y' });
    expect(() => t.build()).toThrow(/template "Small": flow "fl_lead_webinar__lead_nowhere" refers to unknown card "cd_lead_nowhere"/);
  });

  it('accepts a flow to a card written further down, by id', () => {
    const { t, webinar, lead, touch } = small();
    t.flow(webinar, 'cd_lead_later', { key: 'forward' });
    t.card(lead, touch, { key: 'later', title: 'Later', channel: 'email', owner: 'M' });
    expect(t.build().flows.find((f) => f.id === 'fl_forward')?.to).toBe('cd_lead_later');
  });

  it('throws when a card is placed in a stage or lane of another template', () => {
    const other = small(templateBuilder({ title: 'Other' }));
    const t = templateBuilder({ title: 'Mine' });
    const s = t.stage('s', 'S');
    const l = t.lane('l', 'L', 'touchpoints');
    expect(() => t.card(other.mql, l, { title: 'X' })).toThrow(/card "X" is placed in stage "st_mql", which this template does not have/);
    expect(() => t.card(s, other.touch, { title: 'X' })).toThrow(/lane "ln_touchpoints", which this template does not have/);
  });

  it('throws on a key that makes an invalid id', () => {
    const t = templateBuilder({ title: 'Bad' });
    expect(() => t.stage('has space', 'S')).toThrow(/stage "S" id "st_has space" is not a valid id/);
    expect(() => t.card(t.stage('s', 'S'), t.lane('l', 'L', 'touchpoints'), { title: '…' })).toThrow(/no title to derive an id from/);
  });

  it('throws from build() on a value the schema rejects, naming the card', () => {
    const t = templateBuilder({ title: 'Invalid' });
    t.card(t.stage('s', 'S'), t.lane('f', 'F', 'thinking-feeling'), { key: 'ecstatic', title: 'Ecstatic', emotion: 9 });
    expect(() => t.build()).toThrow(/template "Invalid" is not a valid blueprint: cd_s_ecstatic emotion: /);
    const u = templateBuilder({ title: 'Invalid delay' });
    const s = u.stage('s', 'S');
    const l = u.lane('l', 'L', 'touchpoints');
    const a = u.card(s, l, { title: 'A' });
    const b = u.card(s, l, { title: 'B' });
    u.flow(a, b, { delay: 'three days' });
    expect(() => u.build()).toThrow(/fl_s_a__s_b delay: a duration is like 3d/);
  });
});
