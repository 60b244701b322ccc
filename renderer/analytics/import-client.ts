import type { ImportFailure, ImportOutcome, ImportProgressReport, ImportRequest } from './import-job.ts';

/** Messages from the import worker to the page. */
export type WorkerReply =
  | { readonly type: 'progress'; readonly progress: ImportProgressReport }
  | { readonly type: 'done'; readonly outcome: ImportOutcome }
  | { readonly type: 'error'; readonly failure: ImportFailure };

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled: nothing was changed.');
    this.name = 'ImportCancelled';
  }
}

export class ImportRefused extends Error {
  readonly failure: ImportFailure;
  constructor(failure: ImportFailure) {
    super(failure.message);
    this.name = 'ImportRefused';
    this.failure = failure;
  }
}

export interface RunningImport {
  readonly result: Promise<ImportOutcome>;
  /** Ends the worker at once; `result` rejects with ImportCancelled. */
  cancel(): void;
}

/**
 * Starts an import in its own Web Worker (the file goes over as a Blob: the worker reads it, the
 * page never holds its text). Cancel terminates the worker, whatever it is doing.
 */
export function startImport(request: ImportRequest, onProgress: (p: ImportProgressReport) => void): RunningImport {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'journeyscroll-import' });
  let settle: { resolve: (o: ImportOutcome) => void; reject: (e: Error) => void } | null = null;
  const result = new Promise<ImportOutcome>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (fn: (s: NonNullable<typeof settle>) => void) => {
    worker.terminate();
    if (settle) fn(settle);
    settle = null;
  };
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if (reply.type === 'progress') onProgress(reply.progress);
    else if (reply.type === 'done') finish((s) => s.resolve(reply.outcome));
    else finish((s) => s.reject(new ImportRefused(reply.failure)));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish((s) => s.reject(new ImportRefused({ message: `The import stopped: ${event.message || 'the worker failed'}`, problems: [] })));
  };
  worker.postMessage(request);
  return { result, cancel: () => finish((s) => s.reject(new ImportCancelled())) };
}
