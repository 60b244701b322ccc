import type * as Y from 'yjs';
import type { Touch, UpdateScope } from '../doc/update-scope.ts';
import type { Role } from '../sync/contract.ts';
import { checkCommentWrites, type CommentFacts } from './comment-policy.ts';

/**
 * Who may change what in a shared blueprint. viewer < commenter < editor < approver; an editor may
 * be scoped to a team. The sync server applies these rules to every update before it is applied
 * or stored (reading the update's scope, never trusting the client), and the app uses the same
 * rules to show what this person may not change.
 *
 * - viewer: nothing.
 * - commenter: comments only.
 * - editor of a team: the cards in lanes its team owns, and the cards whose owner is its team —
 *   before and after the change, so a card cannot be moved or given away out of the team's reach —
 *   and comments. Stages, lanes, flows, the blueprint's details and everything else belong to the
 *   journey-operations team.
 * - editor without a team (the journey-operations team): everything but the approval statuses.
 * - approver: everything, including setting the status to approved or retired and saving approved
 *   versions.
 * - versions (shared/governance/versions.ts): an unscoped editor may add a named version; nobody
 *   below approver may change or delete a saved one.
 *
 * Comments, for everyone who may write them: only their author edits or deletes them, and the
 * author is the token's name (comment-policy.ts).
 */
export interface Principal {
  readonly role: Role;
  /** The team an editor is scoped to; absent: unscoped. */
  readonly team?: string | undefined;
  /** Display name, for history and comments. */
  readonly name?: string | undefined;
}

export type WriteDecision = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Statuses only an approver may set. */
export const APPROVAL_STATUSES: readonly string[] = ['approved', 'retired'];

/** The parts of the current document the rules look at. */
export interface Ownership extends CommentFacts {
  lane(id: string): { readonly name: string; readonly owner: string | undefined } | undefined;
  card(id: string): { readonly title: string; readonly laneId: string | undefined; readonly owner: string | undefined } | undefined;
  /** A saved version (shared/governance/versions.ts): versions are written once, never changed. */
  version(id: string): { readonly name: string } | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Ownership read straight from a blueprint's Y.Doc (docs/document-layout.md). */
export function ownershipOf(doc: Y.Doc): Ownership {
  const entity = (root: string, id: string) => doc.getMap<Y.Map<unknown>>(root).get(id);
  return {
    lane(id) {
      const lane = entity('lanes', id);
      return lane && { name: str(lane.get('name')) ?? id, owner: str(lane.get('owner')) };
    },
    card(id) {
      const card = entity('cards', id);
      return card && { title: str(card.get('title')) ?? id, laneId: str(card.get('laneId')), owner: str(card.get('owner')) };
    },
    comment(id) {
      const comment = entity('comments', id);
      return comment && { author: str(comment.get('author')) };
    },
    version(id) {
      const version = entity('versions', id);
      return version && { name: str(version.get('name')) ?? id };
    },
  };
}

/**
 * Does the person have nothing to check (the server may skip deciding on its updates)? An approver
 * without a name: everyone on a server without a secret, where nobody is identified. A named
 * approver may change everything but other people's comments.
 */
export function isUnrestricted(principal: Principal): boolean {
  return principal.role === 'approver' && principal.name === undefined;
}

/** Decides whether `principal` may make the change an update's scope describes, as a whole. */
export function decideWrite(principal: Principal, scope: UpdateScope, owners: Ownership): WriteDecision {
  if (principal.role === 'viewer') return { ok: false, reason: 'Viewers cannot change the blueprint' };
  if (scope.unplaced > 0) return { ok: false, reason: 'Part of the change could not be placed in the blueprint, so it was not saved' };
  const commentRefusal = checkCommentWrites(
    principal.name,
    scope.touches.filter((t) => t.root === 'comments'),
    owners,
  );
  if (commentRefusal) return { ok: false, reason: commentRefusal };
  if (principal.role === 'approver') return { ok: true };
  const cardChanges = new Map<string, Touch[]>();
  for (const touch of scope.touches) {
    if (touch.root === 'comments') continue;
    if (principal.role === 'commenter') return { ok: false, reason: 'Commenters can only add comments' };
    if (!principal.team) {
      if (touch.root === 'versions') {
        const refusal = checkVersion(touch, owners);
        if (refusal) return { ok: false, reason: refusal };
        continue;
      }
      if (touch.root === 'meta' && touch.key === 'status' && APPROVAL_STATUSES.includes(String(touch.value))) {
        return { ok: false, reason: `Only an approver may set the status to ${String(touch.value)}` };
      }
      continue;
    }
    if (touch.root !== 'cards' || !touch.key)
      return { ok: false, reason: `${describe(touch)} can only be changed by the journey-operations team` };
    cardChanges.set(touch.key, [...(cardChanges.get(touch.key) ?? []), touch]);
  }
  for (const [id, touches] of cardChanges) {
    const refusal = checkTeamCard(principal.team!, id, touches, owners);
    if (refusal) return { ok: false, reason: refusal };
  }
  return { ok: true };
}

/**
 * Null when an unscoped editor may make this change to the versions: add a named or safety
 * version. A saved version is never changed or deleted, and only an approver approves.
 */
function checkVersion(touch: Touch, owners: Ownership): string | null {
  const existing = touch.key ? owners.version(touch.key) : undefined;
  if (existing || !touch.key || touch.kind === 'delete')
    return `Saved versions cannot be changed or deleted: your change to version '${existing?.name ?? touch.key ?? '?'}' was not saved`;
  if (touch.field === 'kind' && touch.value === 'approved') return 'Only an approver may approve a version';
  return null;
}

/** Null when the team may make these changes to the card, else the reason in words. */
function checkTeamCard(team: string, id: string, touches: readonly Touch[], owners: Ownership): string | null {
  const before = owners.card(id);
  const titleWritten = str(touches.find((t) => t.field === 'title')?.value);
  const title = before?.title ?? titleWritten ?? id;
  const mayTouch = (laneId: string | undefined, owner: string | undefined): string | null => {
    if (owner === team) return null;
    const lane = laneId ? owners.lane(laneId) : undefined;
    if (lane && lane.owner === team) return null;
    if (!lane) return `The ${team} team can only change cards in its own lanes: your change to '${title}' was not saved`;
    const holder = lane.owner ? `The ${lane.owner} team owns` : 'The journey-operations team owns';
    return `${holder} '${lane.name}': your change to '${title}' was not saved`;
  };
  if (before) {
    const refusal = mayTouch(before.laneId, before.owner);
    if (refusal) return refusal;
  }
  if (touches.some((t) => t.kind === 'delete' && t.field === undefined)) return null;
  const written = (field: string) => touches.find((t) => t.kind === 'write' && t.field === field);
  const deleted = (field: string) => touches.some((t) => t.kind === 'delete' && t.field === field);
  const laneAfter = written('laneId') ? str(written('laneId')!.value) : before?.laneId;
  const ownerAfter = written('owner') ? str(written('owner')!.value) : deleted('owner') ? undefined : before?.owner;
  return mayTouch(laneAfter, ownerAfter);
}

function describe(touch: Touch): string {
  const what: Record<string, string> = {
    stages: 'Stages',
    lanes: 'Lanes',
    flows: 'Flows',
    meta: "The blueprint's details",
    personas: 'Personas',
    annotations: 'Notes and drawings on the canvas',
    history: "The blueprint's history",
    versions: "The blueprint's versions",
  };
  return what[touch.root] ?? `'${touch.root}'`;
}

/** What a person is about to change, as the app asks before offering a gesture or a field. */
export type WriteTarget =
  | { readonly kind: 'card'; readonly id: string; readonly field?: string }
  /** A card moved (or given) to another lane or owner. */
  | { readonly kind: 'card-move'; readonly id: string; readonly laneId: string }
  | { readonly kind: 'new-card'; readonly laneId: string }
  | { readonly kind: 'root'; readonly root: 'stages' | 'lanes' | 'flows' | 'meta' | 'annotations' | 'personas' }
  | { readonly kind: 'status'; readonly status: string };

/**
 * Whether `principal` may make a change of this kind, decided by decideWrite itself on the touches
 * such a change makes — the app and the server cannot disagree on a rule, only on the document
 * they look at (the server's wins; a change refused anyway is taken back).
 */
export function mayWrite(principal: Principal, target: WriteTarget, owners: Ownership): WriteDecision {
  const touches: Touch[] =
    target.kind === 'card'
      ? [{ kind: 'write', root: 'cards', key: target.id, field: target.field ?? 'title' }]
      : target.kind === 'card-move'
        ? [{ kind: 'write', root: 'cards', key: target.id, field: 'laneId', value: target.laneId }]
        : target.kind === 'new-card'
          ? [{ kind: 'write', root: 'cards', key: '\u0000new card', field: 'laneId', value: target.laneId }]
          : target.kind === 'root'
            ? [{ kind: 'write', root: target.root, ...(target.root === 'meta' ? { key: 'title' } : { key: '\u0000any' }) }]
            : [{ kind: 'write', root: 'meta', key: 'status', value: target.status }];
  const decision = decideWrite(principal, { touches, unplaced: 0 }, owners);
  if (decision.ok || target.kind !== 'new-card') return decision;
  // A new card has no title yet: say which lane.
  return { ok: false, reason: decision.reason.replace(/: your change to '[^']*' was not saved$/, ': you cannot add cards there') };
}

/** Who owns what this person may not change, in words for a locked card or lane ("Owned by the Email team"). */
export function ownerLabel(owner: string | undefined): string {
  return owner ? `Owned by the ${owner} team` : 'Owned by the journey-operations team';
}
