import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import type { Blueprint } from '../../shared/model/index.ts';
import { createFollower, type Follower, type FollowerView } from './follower.ts';

const NOBODY: FollowerView = { presenter: null, following: false };

/** The follower of this page's editor, alive while the editor is. */
export function useFollower(awareness: Awareness, editor: Editor | null): Follower | null {
  const [follower, setFollower] = useState<Follower | null>(null);
  useEffect(() => {
    if (!editor) return;
    const f = createFollower(awareness, editor);
    setFollower(f);
    return () => {
      f.dispose();
      setFollower(null);
    };
  }, [awareness, editor]);
  return follower;
}

/** What the follower shows: who presents, and whether this person follows. */
export function useFollowerView(follower: Follower | null): FollowerView {
  return useSyncExternalStore(
    (l) => follower?.subscribe(l) ?? (() => undefined),
    () => follower?.view() ?? NOBODY,
  );
}

/**
 * Shown to everyone else while someone presents: who, where they are, and one button to stop or
 * resume following them.
 */
export function FollowBanner({ follower, blueprint }: { follower: Follower | null; blueprint: Blueprint }) {
  const view = useFollowerView(follower);
  if (!follower || !view.presenter) return null;
  const { presenter, following } = view;
  const stage = presenter.state.stageId ? blueprint.stages.find((s) => s.id === presenter.state.stageId) : null;
  const where = stage ? `stage ${presenter.state.step} of ${presenter.state.steps - 1}: ${stage.name}` : 'the whole scroll';
  return (
    <div className="js-follow" role="region" aria-label="Presentation in progress">
      <span className="js-follow-dot" style={{ background: presenter.color }} aria-hidden="true" />
      <p aria-live="polite">
        <strong>{presenter.name}</strong> is presenting — {where}.{following ? ' You are following.' : ''}
      </p>
      {following ? (
        <button type="button" onClick={() => follower.stop()}>
          Stop following
        </button>
      ) : (
        <button type="button" onClick={() => follower.follow()}>
          Follow presenter
        </button>
      )}
    </div>
  );
}
