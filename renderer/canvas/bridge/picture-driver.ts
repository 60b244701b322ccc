import { atom, react, type Editor } from 'tldraw';
import { NO_LOCKS, type Locks } from '../locks.ts';
import type { ModelProjection } from '../projection.ts';
import { entityOf } from '../shape-types.ts';
import { pictureCard, pictureChange, pictureScene } from '../picture/picture-scene.ts';
import { ScrollPicture } from '../picture/scroll-picture.ts';
import type { WireFontFace, WireLook } from '../picture/tile-protocol.ts';
import { TileWorkerClient } from '../picture/tile-worker-client.ts';
import type { Disposable } from './disposables.ts';

export interface PictureDriverOptions {
  readonly editor: Editor;
  readonly locks: Locks;
  /** The flow picked on the canvas (a signal read: the picture follows it). */
  readonly selectedFlow: () => string | null;
  /** The canvas's sans-serif faces (tldraw's bundled fonts), for the worker to set card text in. */
  readonly fontFaces?: readonly WireFontFace[];
  /** Whether the picture is on screen now (a signal read): the camera moves, or cards are not all shapes. */
  readonly onScreen: () => boolean;
}

/**
 * Feeds the scroll picture of a windowed scroll (docs/canvas.md): every model projection goes to
 * the tile worker (the whole scene when the layout changed, else the changed cards) and tells the
 * picture where it is out of date; the camera and this window's look (dark mode, the persona
 * filter, the flow picked, locks) follow. The overview shape attaches the element the tiles go
 * into; worker and picture live while that element does.
 */
export class PictureDriver implements Disposable {
  private attached: { picture: ScrollPicture; worker: TileWorkerClient; stop: () => void } | null = null;
  private model: ModelProjection | null = null;
  private readonly personaFilter = atom<string | null>('persona filter', null);
  /** Bumped with every projection: locks are read again (ownership may have changed). */
  private readonly projections = atom('projections', 0);
  private readonly options: PictureDriverOptions;

  constructor(options: PictureDriverOptions) {
    this.options = options;
  }

  /** Told after every model projection. */
  readonly projected = (model: ModelProjection): void => {
    const previous = this.model;
    this.model = model;
    if (!this.attached) return;
    const { picture, worker } = this.attached;
    const change = pictureChange(previous, model);
    if (change === 'all') {
      worker.setScene(pictureScene(model));
      picture.invalidate('all');
    } else if (change.indices.length) {
      worker.patch(change.indices.map((i) => [i, pictureCard(model.cards[i]!)] as const));
      picture.invalidate(change.boxes);
    }
    if (this.options.locks !== NO_LOCKS) this.projections.update((n) => n + 1);
  };

  setPersonaFilter(personaId: string | null): void {
    this.personaFilter.set(personaId);
  }

  /** Puts the picture into `host` (page coordinates); returns the detach. */
  attach(host: HTMLElement): () => void {
    this.detach();
    const { editor, locks, selectedFlow, fontFaces } = this.options;
    const container = editor.getContainer();
    const worker = new TileWorkerClient((reason) => {
      // Without tiles the cards stay shapes while the camera moves (slower, never blank).
      container.classList.remove('js-picture');
      console.warn(`The scroll picture is off: ${reason}`);
    });
    // Where the tiles cover the view, the overview under them is not drawn: the compositor would
    // draw it on every frame for nothing.
    const picture = new ScrollPicture({
      host,
      source: worker,
      onCovered: (covered) => host.toggleAttribute('data-covered', covered),
    });
    worker.setFonts(fontFaces ?? []);
    if (this.model) worker.setScene(pictureScene(this.model));
    container.classList.add('js-picture');
    const fontFamily = getComputedStyle(host).getPropertyValue('--tl-font-sans').trim() || 'sans-serif';
    const stopView = react('picture view', () => {
      const b = editor.getViewportPageBounds();
      picture.setView({ x: b.x, y: b.y, w: b.w, h: b.h }, editor.getZoomLevel(), window.devicePixelRatio || 1);
    });
    const stopOnScreen = react('picture on screen', () => {
      const onScreen = this.options.onScreen();
      host.toggleAttribute('data-hidden', !onScreen);
      picture.setOnScreen(onScreen);
    });
    let sent: WireLook | null = null;
    const stopLook = react('picture look', () => {
      this.projections.get();
      const look: WireLook = {
        dark: editor.user.getIsDarkMode(),
        personaFilter: this.personaFilter.get(),
        selectedFlow: selectedFlow(),
        locked:
          locks === NO_LOCKS
            ? []
            : (this.model?.cards ?? []).filter((c) => locks.lockOf('card', entityOf(c.id)?.id ?? '')).map((c) => c.id),
        fontFamily,
      };
      // Every tile is drawn again for another look: not for the same one (locks are read again after each edit).
      if (sent && sameLook(sent, look)) return;
      sent = look;
      worker.setLook(look);
      picture.invalidate('all');
    });
    const stop = () => {
      stopView();
      stopOnScreen();
      stopLook();
      container.classList.remove('js-picture');
      picture.dispose();
      worker.close();
    };
    const attached = { picture, worker, stop };
    this.attached = attached;
    return () => {
      if (this.attached === attached) this.detach();
    };
  }

  /** The picture now on the page (for tests and figures). */
  get picture(): ScrollPicture | null {
    return this.attached?.picture ?? null;
  }

  private detach(): void {
    this.attached?.stop();
    this.attached = null;
  }

  dispose(): void {
    this.detach();
  }
}

function sameLook(a: WireLook, b: WireLook): boolean {
  return (
    a.dark === b.dark &&
    a.personaFilter === b.personaFilter &&
    a.selectedFlow === b.selectedFlow &&
    a.fontFamily === b.fontFamily &&
    a.locked.length === b.locked.length &&
    a.locked.every((id, i) => id === b.locked[i])
  );
}
