/**
 * Prometheus metrics in the text exposition format (version 0.0.4), without a client library:
 * counters (optionally with one label), gauges read when scraped, and one histogram kind.
 */
type Labels = string | undefined;

class Counter {
  readonly values = new Map<Labels, number>();
  readonly name: string;
  readonly help: string;
  readonly label: string | undefined;
  constructor(name: string, help: string, label?: string) {
    this.name = name;
    this.help = help;
    this.label = label;
  }
  inc(by = 1, labelValue?: string): void {
    this.values.set(labelValue, (this.values.get(labelValue) ?? 0) + by);
  }
  get(labelValue?: string): number {
    return this.values.get(labelValue) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0 && !this.label) lines.push(`${this.name} 0`);
    for (const [labelValue, value] of this.values) {
      lines.push(labelValue === undefined ? `${this.name} ${value}` : `${this.name}{${this.label}="${escape(labelValue)}"} ${value}`);
    }
    return lines.join('\n');
  }
}

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name;
    this.help = help;
    this.buckets = buckets;
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]!++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket{le="${le}"} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const gauge = (name: string, help: string, value: number) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}`;

export interface GaugeSources {
  readonly rooms: () => number;
  readonly connections: () => number;
  readonly storedBytes?: () => number;
  /** Present on a PostgreSQL node: the cluster's own series are rendered too. */
  readonly cluster?: { readonly redisUp: () => number };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(sources: GaugeSources) {
  const started = Date.now();
  const metrics = {
    messagesReceived: new Counter(
      'journeyscroll_messages_received_total',
      'WebSocket messages received, by y-websocket message type.',
      'type',
    ),
    messagesSent: new Counter('journeyscroll_messages_sent_total', 'WebSocket messages sent to clients.'),
    bytesReceived: new Counter('journeyscroll_received_bytes_total', 'Bytes of WebSocket messages received.'),
    bytesSent: new Counter('journeyscroll_sent_bytes_total', 'Bytes of WebSocket messages sent.'),
    updatesCommitted: new Counter('journeyscroll_updates_committed_total', 'Document updates committed to storage.'),
    commitFailures: new Counter('journeyscroll_commit_failures_total', 'Group commits that failed (their updates were never relayed).'),
    commitDuration: new Histogram(
      'journeyscroll_commit_duration_seconds',
      'Duration of one group commit (one transaction and its fsync).',
      [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    ),
    commitBatchUpdates: new Counter('journeyscroll_commits_total', 'Group commits (transactions) performed.'),
    connectionsOpened: new Counter(
      'journeyscroll_connections_opened_total',
      'WebSocket connections accepted into a room, by role.',
      'role',
    ),
    connectionsRefused: new Counter(
      'journeyscroll_connections_refused_total',
      'Connections refused before joining a room, by close code.',
      'code',
    ),
    connectionsClosedByServer: new Counter(
      'journeyscroll_connections_closed_total',
      'Connections the server closed for a limit or a protocol violation, by close code.',
      'code',
    ),
    limitRefusals: new Counter(
      'journeyscroll_limit_refusals_total',
      'Connections or writes refused by a server-wide limit, by limit (connections, connections_per_address, new_rooms_per_address, stored_bytes).',
      'limit',
    ),
    originRefusals: new Counter('journeyscroll_origin_refusals_total', 'Browser sockets refused for their Origin (cross-site).'),
    tokenCloses: new Counter(
      'journeyscroll_token_closes_total',
      'Open connections closed because their token expired or was revoked, by reason.',
      'reason',
    ),
    viewerWritesDropped: new Counter('journeyscroll_viewer_writes_dropped_total', 'Document writes from viewers, dropped.'),
    presenceTakeoversRefused: new Counter(
      'journeyscroll_presence_takeovers_refused_total',
      'Awareness updates for a client id another live connection owns, refused.',
    ),
    updatesRefused: new Counter('journeyscroll_updates_refused_total', 'Document updates refused, by reason.', 'reason'),
    handlerFailures: new Counter(
      'journeyscroll_handler_failures_total',
      'Unexpected errors while handling a client message (that connection was closed).',
    ),
    roomsLoaded: new Counter('journeyscroll_room_loads_total', 'Rooms loaded from storage into memory.'),
    compactions: new Counter('journeyscroll_compactions_total', 'Room compactions (snapshot written, covered log dropped).'),
    corruptEntries: new Counter('journeyscroll_store_damaged_entries_total', 'Damaged log entries or snapshots skipped while loading.'),
    compactionsSkipped: new Counter(
      'journeyscroll_compactions_skipped_total',
      "Compactions not done: nothing new, or another node held the room's advisory lock.",
    ),
    clusterPublished: new Counter(
      'journeyscroll_cluster_published_total',
      'Committed update batches published to the other nodes (Redis).',
    ),
    clusterPublishFailures: new Counter(
      'journeyscroll_cluster_publish_failures_total',
      'Publishes to Redis that failed (the other nodes catch up from the store).',
    ),
    clusterRemoteUpdates: new Counter(
      'journeyscroll_cluster_remote_updates_total',
      'Committed updates heard from other nodes and relayed here.',
    ),
    clusterMessages: new Counter('journeyscroll_cluster_messages_total', 'Messages heard from other nodes through Redis, by kind.', 'kind'),
    clusterCatchUps: new Counter(
      'journeyscroll_cluster_catchups_total',
      'Times a room read what it lacked from the store, by reason (gap, poll, redis-reconnect, bad-message).',
      'reason',
    ),
    clusterCatchUpFailures: new Counter('journeyscroll_cluster_catchup_failures_total', 'Catch-ups that failed (retried).'),
    redisDisconnects: new Counter('journeyscroll_redis_disconnects_total', 'Times the connection to Redis was lost.'),
    render(): string {
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      return (
        [
          gauge('journeyscroll_rooms', 'Rooms loaded in memory.', sources.rooms()),
          gauge('journeyscroll_connections', 'Open WebSocket connections in rooms.', sources.connections()),
          metrics.messagesReceived.render(),
          metrics.messagesSent.render(),
          metrics.bytesReceived.render(),
          metrics.bytesSent.render(),
          metrics.updatesCommitted.render(),
          metrics.commitBatchUpdates.render(),
          metrics.commitFailures.render(),
          metrics.commitDuration.render(),
          metrics.connectionsOpened.render(),
          metrics.connectionsRefused.render(),
          metrics.connectionsClosedByServer.render(),
          metrics.presenceTakeoversRefused.render(),
          metrics.updatesRefused.render(),
          metrics.handlerFailures.render(),
          metrics.limitRefusals.render(),
          metrics.originRefusals.render(),
          metrics.tokenCloses.render(),
          gauge(
            'journeyscroll_stored_bytes',
            'Bytes the data folder stores, as last estimated (see --max-stored-bytes).',
            sources.storedBytes?.() ?? 0,
          ),
          metrics.viewerWritesDropped.render(),
          metrics.roomsLoaded.render(),
          metrics.compactions.render(),
          metrics.corruptEntries.render(),
          ...(sources.cluster
            ? [
                gauge('journeyscroll_redis_up', 'Connected to Redis (1) or not (0); -1 without --redis.', sources.cluster.redisUp()),
                metrics.compactionsSkipped.render(),
                metrics.clusterPublished.render(),
                metrics.clusterPublishFailures.render(),
                metrics.clusterMessages.render(),
                metrics.clusterRemoteUpdates.render(),
                metrics.clusterCatchUps.render(),
                metrics.clusterCatchUpFailures.render(),
                metrics.redisDisconnects.render(),
              ]
            : []),
          gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', mem.rss),
          gauge('process_heap_bytes', 'V8 heap used in bytes.', mem.heapUsed),
          `# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
          gauge('process_start_time_seconds', 'Start time of the process since the epoch in seconds.', Math.floor(started / 1000)),
        ].join('\n\n') + '\n'
      );
    },
  };
  return metrics;
}
