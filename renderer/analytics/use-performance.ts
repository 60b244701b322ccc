import { useMemo, useState } from 'react';
import { heatMap, type HeatChoice, type HeatMap } from '../../shared/analytics/heat.ts';
import type { BlueprintAnalysis } from '../../shared/analytics/index.ts';

/** The event log analysed in this session (it stays on this device: it is not part of the document). */
export interface PerformanceData {
  readonly name: string;
  readonly analysis: BlueprintAnalysis;
}

export interface Performance {
  readonly data: PerformanceData | null;
  setData(data: PerformanceData | null): void;
  readonly choice: HeatChoice;
  setChoice(choice: HeatChoice): void;
  readonly visible: boolean;
  setVisible(visible: boolean): void;
  /** The heat overlay as drawn (null while hidden or without data): also what prints include. */
  readonly heat: HeatMap | null;
}

export function usePerformance(): Performance {
  const [data, setData] = useState<PerformanceData | null>(null);
  const [choice, setChoice] = useState<HeatChoice>({ metric: 'conversions', model: 'markov' });
  const [visible, setVisible] = useState(true);
  const heat = useMemo(() => (data && visible ? heatMap(data.analysis, choice) : null), [data, visible, choice]);
  return { data, setData, choice, setChoice, visible, setVisible, heat };
}
