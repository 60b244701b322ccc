import type { LaneRef, TemplateBuilder } from './builder.ts';

/**
 * The seven layers of docs/domain.md, from the customer down to the back office. Every template starts
 * from the same lanes so that blueprints made from different templates line up when compared, and
 * so the lane ids (`ln_actions` …) are the same everywhere.
 */
export interface DefaultLanes {
  actions: LaneRef;
  feelings: LaneRef;
  touchpoints: LaneRef;
  data: LaneRef;
  systems: LaneRef;
  teams: LaneRef;
  automation: LaneRef;
}

export function addDefaultLanes(t: TemplateBuilder): DefaultLanes {
  return {
    actions: t.lane('actions', 'Customer actions', 'customer-actions', { owner: 'Customer experience' }),
    feelings: t.lane('feelings', 'Thinking & feeling', 'thinking-feeling', { owner: 'Customer experience' }),
    touchpoints: t.lane('touchpoints', 'Touchpoints & channels', 'touchpoints', { owner: 'Channel teams' }),
    data: t.lane('data', 'Data captured', 'data', { owner: 'Data & engineering' }),
    systems: t.lane('systems', 'Technology & vendors', 'systems', { owner: 'Marketing operations' }),
    teams: t.lane('teams', 'Teams (backstage)', 'teams', { owner: 'Journey operations' }),
    automation: t.lane('automation', 'Automation', 'automation', { owner: 'Marketing operations' }),
  };
}
