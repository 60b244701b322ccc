import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor, TLCamera } from 'tldraw';
import { useValue } from 'tldraw';
import { addStage, encodeJourneyFile, readBlueprint, setMeta } from '../../shared/doc/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { CanvasView } from '../canvas/CanvasView.tsx';
import { entityOf } from '../canvas/shape-types.ts';
import { createUndoManager } from '../canvas/undo.ts';
import type { BlueprintSession, Host } from '../host/host.ts';
import { FollowBanner, useFollower, useFollowerView } from '../present/FollowBanner.tsx';
import { StageSpotlight } from '../present/StageSpotlight.tsx';
import { UnrollMode } from '../present/UnrollMode.tsx';
import { useCommentsUi } from '../comments/use-comments-ui.tsx';
import type { AppCommandId } from '../../shared/commands.ts';
import { jumpStage, runBlueprintCommand, SHELL_COMMANDS, type Panel } from './blueprint-commands.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { exportFileName } from './export-formats.ts';
import { HelpDialog } from './HelpDialog.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { Inspector, type Selection } from './Inspector.tsx';
import { LicenseNotice } from './LicenseNotice.tsx';
import { licenseMode } from './license.ts';
import { LintPanel } from './LintPanel.tsx';
import { PrintDialog } from './PrintDialog.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { StageStrip } from './StageStrip.tsx';
import { ScrollToolbar } from './ScrollToolbar.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { StatusMenu } from './StatusMenu.tsx';
import { ApprovalBadge, VersionsPanel } from './VersionsPanel.tsx';
import { ChangesOverlay } from './ChangesOverlay.tsx';
import { momentViewed, VersionViewer, type ViewedVersion } from './VersionViewer.tsx';
import { saveBlueprintAsVersion } from '../../shared/governance/versions.ts';
import { exposeForTests } from './test-hook.ts';
import { useFirstOpen } from './use-first-open.ts';
import { useBlueprint, useConnection } from './use-blueprint.ts';
import { useCommands } from './use-commands.ts';
import { PerformanceLayer, usePerformanceChrome } from '../analytics/PerformanceChrome.tsx';
import { PersonaCurvePicker } from '../personas/PersonaCurvePicker.tsx';
import { PersonaLegend } from '../personas/PersonaLegend.tsx';
import { PersonasPanel } from '../personas/PersonasPanel.tsx';
import { PersonaStyles } from '../personas/PersonaStyles.tsx';
import { usePersonaViewState } from '../personas/use-persona-view.ts';

declare const __TLDRAW_LICENSE_KEY__: string | undefined;
/** True only in test builds (build/vite-renderer.ts): elsewhere the hook is compiled out. */
declare const __JOURNEYSCROLL_TEST_HOOK__: boolean | undefined;
const BUILD_LICENSE_KEY = typeof __TLDRAW_LICENSE_KEY__ === 'string' && __TLDRAW_LICENSE_KEY__ ? __TLDRAW_LICENSE_KEY__ : undefined;

export interface BlueprintAppProps {
  readonly host: Host;
  readonly room: string;
  readonly token?: string;
  /** Fill an empty blueprint from this template (the creator's first open). */
  readonly template?: string;
  readonly onTemplateApplied?: () => void;
  readonly homeHref: string;
}

/** One blueprint: the session (storage + sync), the canvas, and the chrome around it. */
export function BlueprintApp(props: BlueprintAppProps) {
  const { host, room, token } = props;
  const [session, setSession] = useState<BlueprintSession | null>(null);
  useEffect(() => {
    // Created in an effect and destroyed in its cleanup (React StrictMode mounts twice).
    const s = host.openBlueprint(room, token);
    setSession(s);
    return () => s.destroy();
  }, [host, room, token]);
  // A refused change taken back replaces the session's document: the view remounts on the new
  // one (a new key), where the person was looking.
  const [generation, setGeneration] = useState(0);
  const editorRef = useRef<Editor | null>(null);
  const camera = useRef<TLCamera | null>(null);
  useEffect(
    () =>
      session?.onReplaced?.(() => {
        camera.current = editorRef.current?.getCamera() ?? null;
        setGeneration((g) => g + 1);
      }),
    [session],
  );
  if (!session) return <div className="js-loading">Opening…</div>;
  return <SessionView key={generation} {...props} session={session} editorRef={editorRef} initialCamera={camera.current} />;
}

function SessionView({
  host,
  room,
  token,
  template,
  onTemplateApplied,
  homeHref,
  session,
  editorRef,
  initialCamera,
}: BlueprintAppProps & { session: BlueprintSession; editorRef: { current: Editor | null }; initialCamera: TLCamera | null }) {
  const origin = useMemo(() => ({ client: session.doc.clientID }), [session]);
  const undo = useMemo(() => createUndoManager(session.doc, origin), [session, origin]);
  useEffect(() => () => undo.destroy(), [undo]);
  const loaded = useFirstOpen(session, template, onTemplateApplied);
  const { blueprint, access } = useBlueprint(session.doc);
  const personaView = usePersonaViewState(blueprint);
  const connection = useConnection(session);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [bridge, setBridge] = useState<CanvasBridge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [panel, setPanel] = useState<Exclude<Panel, 'help'> | null>(null);
  const [lintOpen, setLintOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [viewed, setViewed] = useState<ViewedVersion | null>(null);
  const [personasOpen, setPersonasOpen] = useState(false);
  // The version the canvas marks the changes since (`approved` or a version id), or none.
  const [changesBase, setChangesBase] = useState<string | null>(null);
  const [licenseKey, setLicenseKey] = useState(() => host.getSetting('licenseKey') ?? BUILD_LICENSE_KEY);

  const title = blueprint.meta.title || 'Untitled journey';
  useEffect(() => {
    if (loaded) host.remember({ room, title: blueprint.meta.title || room, ...(token ? { token } : {}) });
    document.title = `${title} — JourneyScroll`;
  }, [host, room, token, title, loaded, blueprint.meta.title]);

  const readOnly =
    session.role === 'viewer'
      ? 'You opened a view-only link: you see changes live but cannot edit.'
      : !access.writable
        ? access.reason
        : null;
  const canEdit = !readOnly;
  const author = host.getSetting('userName') ?? editor?.user.getName() ?? 'Someone';

  const onReady = useCallback(
    (ed: Editor, b: CanvasBridge) => {
      setEditor(ed);
      setBridge(b);
      editorRef.current = ed;
      if (initialCamera) {
        ed.setCamera(initialCamera);
        setFitted(true);
      }
      if (typeof __JOURNEYSCROLL_TEST_HOOK__ !== 'undefined' && __JOURNEYSCROLL_TEST_HOOK__) exposeForTests(session, ed, b, undo);
    },
    [session, undo, editorRef, initialCamera],
  );

  const selection = useSelection(editor, bridge);
  const locked = useLocked(bridge, selection);
  const comments = useCommentsUi({
    session,
    // The desktop opens shared blueprints with the share's token, not a link's.
    token: session.token ?? token,
    settingsName: host.getSetting('userName'),
    blueprint,
    writable: access.writable,
    editor,
    bridge,
  });
  const mode = licenseMode({ production: import.meta.env.PROD, key: licenseKey, protocol: location.protocol, hostname: location.hostname });

  // Whether the first fit-to-scroll happened (or the person chose a view before it could).
  const [fitted, setFitted] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const downloadJourney = () => void host.saveFile(exportFileName(title, 'journey'), encodeJourneyFile(session.doc));
  const run = (command: AppCommandId) => {
    // The person chose a view: the first fit-to-scroll (which may still be waiting for the
    // document to settle) must not take it away.
    if (command.startsWith('view.') || command === 'present.start') setFitted(true);
    runBlueprintCommand(command, {
      editor,
      bridge,
      undo,
      canEdit,
      downloadJourney,
      comment: comments.commentOnSelection,
      open: (which) => {
        if (which === 'help') setHelpOpen(true);
        else if (which === 'import') setImportOpen(true);
        else if (which === 'lint') setLintOpen((open) => !open);
        else if (which === 'comments') comments.togglePanel();
        else if (which === 'versions') setVersionsOpen((open) => !open);
        else if (which === 'history') setHistoryOpen((open) => !open);
        else if (which === 'changes') setChangesBase((base) => (base ? null : 'approved'));
        else if (which !== 'present' || (editor && bridge)) setPanel(which);
      },
    });
  };
  // While presenting, keys belong to the presentation; native-menu file commands to the shell.
  useCommands(
    host,
    (command, source) => (source === 'menu' && SHELL_COMMANDS.has(command) ? undefined : run(command)),
    panel !== 'present',
  );
  useShortcuts(editor, bridge, openHelp, panel !== 'present');
  const presenting = panel === 'present' && editor && bridge;
  const perf = usePerformanceChrome({ session, origin, undo, blueprint, editor, bridge, canEdit });
  // Someone presenting does not follow anyone else.
  const follower = useFollower(session.awareness, presenting ? null : editor);
  const [presentedStage, setPresentedStage] = useState<string | null>(null);
  const followed = useFollowerView(follower);
  // The stage framed in a presentation, ours or one we follow: its lanes are named beside it.
  const framedStage = presenting ? presentedStage : followed.following ? (followed.presenter?.state.stageId ?? null) : null;
  // Fit the whole scroll once, as soon as there is one (a joining peer gets it from the sync) —
  // unless this person joined during a presentation and already follows the presenter.
  const hasScroll = blueprint.stages.length > 0 || blueprint.lanes.length > 0;
  useEffect(() => {
    if (fitted || !editor || !bridge || !hasScroll) return;
    if (followed.following) {
      setFitted(true);
      return;
    }
    const frame = requestAnimationFrame(() => {
      editor.zoomToBounds(bridge.layout().bounds, { inset: 24 });
      setFitted(true);
    });
    return () => cancelAnimationFrame(frame);
  }, [fitted, editor, bridge, hasScroll, blueprint, followed.following]);

  return (
    <div className={presenting ? 'js-app js-presenting' : 'js-app'}>
      {presenting ? (
        <UnrollMode
          blueprint={blueprint}
          editor={editor}
          bridge={bridge}
          awareness={session.awareness}
          onExit={() => setPanel(null)}
          onStage={setPresentedStage}
          extraControls={<PersonaCurvePicker blueprint={blueprint} state={personaView} />}
        />
      ) : null}
      <header className="js-bar">
        <a className="js-home" href={homeHref} aria-label="All blueprints">
          JourneyScroll
        </a>
        <input
          className="js-title"
          aria-label="Blueprint title"
          key={title}
          defaultValue={blueprint.meta.title}
          placeholder="Untitled journey"
          disabled={!canEdit}
          onBlur={(e) => {
            const value = e.target.value.trim();
            if (value !== blueprint.meta.title) bridge?.edit((doc, o) => setMeta(doc, { title: value }, o));
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <StatusMenu
          status={blueprint.meta.status}
          principal={session.principal ?? { role: 'approver' }}
          canEdit={canEdit}
          bridge={bridge}
          by={session.principal?.name ?? host.getSetting('userName') ?? 'Someone'}
          reviewers={blueprint.meta.reviewers}
        />
        <ApprovalBadge doc={session.doc} status={blueprint.meta.status} />
        <StatusBadge state={connection.state} saving={connection.saving} readOnly={readOnly} refusal={connection.refusal} />
        <ScrollToolbar
          run={run}
          canEdit={canEdit}
          canvasReady={!!editor && !!bridge}
          lintOpen={lintOpen}
          versionsOpen={versionsOpen}
          historyOpen={historyOpen}
          changesOpen={changesBase !== null}
          onUndo={() => undo.undo()}
          onRedo={() => undo.redo()}
          onAddStage={() => bridge?.edit((doc, o) => addStage(doc, { name: `Stage ${readBlueprint(doc).stages.length + 1}` }, o))}
          {...(host.kind === 'web' ? { onDownloadJourney: downloadJourney } : {})}
          onSettings={() => setSettingsOpen(true)}
          onHelp={() => setHelpOpen(true)}
        />
        {comments.button}
      </header>
      {mode !== 'ok' ? <LicenseNotice mode={mode} onOpenSettings={() => setSettingsOpen(true)} /> : null}
      {error ? (
        <div className="js-error" role="alert">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
      <FollowBanner follower={follower} blueprint={blueprint} />
      <StageStrip blueprint={blueprint} editor={editor} bridge={bridge} onNavigate={() => setFitted(true)} stageExtra={perf.funnel} />
      <main className="js-main">
        <div className="js-canvas" aria-label="Blueprint canvas">
          {mode === 'blocked' || !loaded ? null : (
            <CanvasView
              session={session}
              origin={origin}
              undo={undo}
              readOnly={readOnly}
              licenseKey={licenseKey}
              onReady={onReady}
              onError={setError}
            />
          )}
          {viewed ? (
            <VersionViewer
              viewed={viewed}
              onBack={() => setViewed(null)}
              onSave={
                canEdit
                  ? () =>
                      void saveBlueprintAsVersion(session.doc, viewed.blueprint, { name: viewed.version.name, by: author }, origin).then(
                        () => setViewed(null),
                        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                      )
                  : undefined
              }
            />
          ) : null}
          {editor && bridge && changesBase && !presenting ? (
            <ChangesOverlay
              doc={session.doc}
              blueprint={blueprint}
              editor={editor}
              bridge={bridge}
              base={changesBase}
              onClose={() => setChangesBase(null)}
            />
          ) : null}
          {editor && bridge && framedStage ? <StageSpotlight editor={editor} bridge={bridge} stageId={framedStage} /> : null}
          {presenting ? null : comments.badges}
          {presenting ? null : <PerformanceLayer chrome={perf} />}
          <PersonaStyles state={personaView} bridge={bridge} />
          {editor && !presenting ? (
            <PersonaLegend blueprint={blueprint} state={personaView} onOpenPanel={() => setPersonasOpen((open) => !open)} />
          ) : null}
        </div>
        {lintOpen ? (
          <LintPanel blueprint={blueprint} editor={editor} bridge={bridge} onClose={() => setLintOpen(false)}>
            {perf.underperformers}
          </LintPanel>
        ) : null}
        {personasOpen && bridge ? (
          <PersonasPanel blueprint={blueprint} canEdit={canEdit} edit={bridge.edit} onClose={() => setPersonasOpen(false)} />
        ) : null}
        {comments.panel}
        {historyOpen ? (
          <HistoryPanel
            url={session.historyUrl?.()}
            blueprint={blueprint}
            editor={editor}
            bridge={bridge}
            onMoment={(at, content) => setViewed(momentViewed(at, content))}
            onClose={() => setHistoryOpen(false)}
          />
        ) : null}
        {versionsOpen ? (
          <VersionsPanel
            doc={session.doc}
            blueprint={blueprint}
            mayApprove={(session.principal?.role ?? 'approver') === 'approver'}
            canEdit={canEdit}
            author={author}
            origin={origin}
            editor={editor}
            bridge={bridge}
            onView={(version, content) => setViewed({ version, blueprint: content })}
            onShowChanges={(version) => setChangesBase(version.id)}
            onClose={() => setVersionsOpen(false)}
          />
        ) : null}
        {bridge ? (
          <Inspector
            blueprint={blueprint}
            selection={selection}
            canEdit={canEdit}
            edit={bridge.edit}
            locked={locked}
            onComment={comments.commentOnSelection}
          />
        ) : null}
      </main>
      <ExportDialog
        open={panel === 'export'}
        onClose={() => setPanel(null)}
        blueprint={blueprint}
        doc={session.doc}
        host={host}
        onShowFindings={() => setLintOpen(true)}
        heat={perf.performance.heat}
      />
      <PrintDialog
        open={panel === 'print'}
        onClose={() => setPanel(null)}
        blueprint={blueprint}
        host={host}
        heat={perf.performance.heat}
        personaCurves={personaView.get().shown}
      />
      {perf.importDialog(importOpen, () => setImportOpen(false))}
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <SettingsDialog
        open={settingsOpen}
        host={host}
        editor={editor}
        onClose={() => setSettingsOpen(false)}
        onLicenseKey={(key) => setLicenseKey(key ?? BUILD_LICENSE_KEY)}
        link={host.linkTo(room, token)}
      />
    </div>
  );
}

/** Why this person may not change the selection (the write policy, as the canvas locks show it), or null. */
function useLocked(bridge: CanvasBridge | null, selection: Selection): string | null {
  return useValue(
    'selection locked',
    () => {
      if (!bridge || !selection) return null;
      const { locks } = bridge;
      if (selection.kind === 'card') return locks.refusal({ kind: 'card', id: selection.id });
      return locks.refusal({ kind: 'root', root: `${selection.kind}s` });
    },
    [bridge, selection?.kind, selection?.id],
  );
}

/** The only selected card, stage or lane — or the picked flow. */
function useSelection(editor: Editor | null, bridge: CanvasBridge | null): Selection {
  return useValue(
    'selection',
    () => {
      const flow = bridge?.selectedFlow.get();
      if (flow) return { kind: 'flow', id: flow } as const;
      const ids = editor?.getSelectedShapeIds() ?? [];
      if (ids.length !== 1) return null;
      const entity = entityOf(ids[0]!);
      return entity ? ({ kind: entity.kind, id: entity.id } as const) : null;
    },
    [editor, bridge],
  );
}

/** `[` / `]` jump between stages, `?` opens the shortcut list, Shift+1 / Shift+0 fit / 100%. */
function useShortcuts(editor: Editor | null, bridge: CanvasBridge | null, openHelp: () => void, enabled: boolean) {
  useEffect(() => {
    if (!editor || !bridge || !enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        openHelp();
      } else if (e.key === '[' || e.key === ']') {
        jumpStage(editor, bridge, e.key === ']' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor, bridge, openHelp, enabled]);
}
