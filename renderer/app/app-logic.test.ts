import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, addLane, addStage, initBlueprint, readBlueprint, updateCard, EditError } from '../../shared/doc/index.ts';
import { cardFields, fieldPatch, fieldValue, STAGE_FIELDS } from './fields.ts';
import { licenseMode } from './license.ts';
import { parseRoute } from '../web/routes.ts';

describe('inspector fields', () => {
  it('lists the fields of each card kind with labels', () => {
    const paths = (kind: Parameters<typeof cardFields>[0]) => cardFields(kind).map((f) => f.path);
    expect(paths('touchpoint')).toEqual(expect.arrayContaining(['title', 'owner', 'status', 'channel', 'content', 'notes']));
    expect(paths('data')).toEqual(expect.arrayContaining(['field', 'system', 'consent']));
    expect(paths('automation')).toEqual(expect.arrayContaining(['trigger.type', 'action.type', 'wait']));
    expect(paths('feeling')).toContain('emotion');
    for (const f of cardFields('automation')) expect(f.label.length).toBeGreaterThan(0);
  });

  it('turns form values into patches the doc accepts, nested objects included', () => {
    const doc = new Y.Doc();
    initBlueprint(doc);
    const stageId = addStage(doc, { name: 'Lead' });
    const laneId = addLane(doc, { name: 'Automation', kind: 'automation' });
    const id = addCard(doc, { stageId, laneId, title: 'Welcome' });
    const field = (path: string) => cardFields('automation').find((f) => f.path === path)!;
    const card = () => readBlueprint(doc).cards[0]!;
    updateCard(doc, id, fieldPatch(card(), field('trigger.type'), 'event'));
    updateCard(doc, id, fieldPatch(card(), field('trigger.event'), 'form.submitted'));
    updateCard(doc, id, fieldPatch(card(), field('wait'), '3d'));
    expect(card()).toMatchObject({ trigger: { type: 'event', event: 'form.submitted' }, wait: '3d' });
    expect(fieldValue(card(), 'trigger.event')).toBe('form.submitted');
    updateCard(doc, id, fieldPatch(card(), field('trigger.type'), ''));
    expect(card().trigger).toBeUndefined();
    expect(() => updateCard(doc, id, fieldPatch(card(), field('wait'), 'soon'))).toThrow(EditError);
    const width = STAGE_FIELDS.find((f) => f.path === 'width')!;
    expect(fieldPatch({}, width, '480')).toEqual({ width: 480 });
    expect(fieldPatch({ width: 480 }, width, '')).toEqual({ width: undefined });
  });
});

describe('license notice', () => {
  it('says nothing in development or with a key, warns on http, and blocks where tldraw would go blank', () => {
    expect(licenseMode({ production: false, key: undefined, protocol: 'https:', hostname: 'journeys.example.com' })).toBe('ok');
    expect(licenseMode({ production: true, key: 'tldraw-abc', protocol: 'https:', hostname: 'journeys.example.com' })).toBe('ok');
    expect(licenseMode({ production: true, key: undefined, protocol: 'http:', hostname: '192.168.1.20' })).toBe('notice');
    expect(licenseMode({ production: true, key: '', protocol: 'https:', hostname: '127.0.0.1' })).toBe('notice');
    expect(licenseMode({ production: true, key: undefined, protocol: 'https:', hostname: 'journeys.example.com' })).toBe('blocked');
    // tldraw counts *.localhost as production even over plain http.
    expect(licenseMode({ production: true, key: undefined, protocol: 'http:', hostname: 'journeyscroll.localhost' })).toBe('blocked');
    expect(licenseMode({ production: true, key: undefined, protocol: 'app:', hostname: 'journeyscroll' })).toBe('blocked');
  });
});

describe('web routes', () => {
  it('opens a blueprint from its link, with the token and template from the query', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/b/workshop-42', '?token=abc.def.ghi')).toEqual({ page: 'blueprint', room: 'workshop-42', token: 'abc.def.ghi' });
    expect(parseRoute('/b/new_1', '?template=b2b-lead-to-renewal')).toEqual({
      page: 'blueprint',
      room: 'new_1',
      template: 'b2b-lead-to-renewal',
    });
    expect(parseRoute('/b/bad%20room')).toEqual({ page: 'not-found' });
    expect(parseRoute('/elsewhere')).toEqual({ page: 'not-found' });
  });
});
