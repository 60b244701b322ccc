/// <reference lib="webworker" />
import { failureOf, runImportJob, type ImportRequest } from './import-job.ts';
import type { WorkerReply } from './import-client.ts';

/**
 * The import worker: one import per worker (the page ends the worker to cancel, so even the
 * synchronous analysis of a million events stops at once). Progress is posted at most every
 * 50 ms; the canvas thread only draws the bar.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: WorkerReply) => scope.postMessage(reply);

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  let last = 0;
  runImportJob(event.data, {
    onProgress: (p) => {
      const now = performance.now();
      if (now - last < 50 && p.phase === 'reading' && p.done < p.total) return;
      last = now;
      post({ type: 'progress', progress: p });
    },
  }).then(
    (outcome) => post({ type: 'done', outcome }),
    (error: unknown) => post({ type: 'error', failure: failureOf(error) }),
  );
};
