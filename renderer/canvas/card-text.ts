import type { Card, Channel, StageSummary } from '../../shared/model/index.ts';

/** Human labels of the channels (the inspector's picker and the card's detail line). */
export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  'web-page': 'Web page',
  'landing-page': 'Landing page',
  social: 'Social',
  'display-ad': 'Display ad',
  'paid-search': 'Paid search',
  webinar: 'Webinar',
  event: 'Event',
  'sales-call': 'Sales call',
  chat: 'Chat',
  'support-ticket': 'Support ticket',
  'in-product': 'In-product',
  sms: 'SMS',
  'direct-mail': 'Direct mail',
};

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The one line a card shows under its title, by kind: what a reader scanning the scroll needs. */
export function cardDetail(card: Card): string {
  switch (card.kind) {
    case 'touchpoint':
      return [card.channel ? CHANNEL_LABELS[card.channel] : '', card.content ?? ''].filter(Boolean).join(' · ');
    case 'feeling':
      return card.emotion === undefined ? 'Emotion not scored' : `Emotion ${signed(card.emotion)}`;
    case 'data':
      return [card.field, card.system].filter(Boolean).join(' → ');
    case 'system':
      return [card.system, card.vendor, card.systemStatus && card.systemStatus !== 'in-use' ? card.systemStatus.toUpperCase() : '']
        .filter(Boolean)
        .join(' · ');
    case 'automation': {
      const t = card.trigger;
      const when = t ? (t.event ?? t.condition ?? (t.after ? `after ${t.after}` : undefined) ?? t.segment ?? t.type) : '';
      const what = card.action ? card.action.type : '';
      return [when, what].filter(Boolean).join(' → ');
    }
    default:
      return firstLine(card.notes);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim();
}

const STATUS_LABELS: Record<string, string> = { draft: 'Draft', active: 'Active', 'in-test': 'In test', retired: 'Retired' };
export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status;

/** The stage header's summary line (from shared/model stage summaries). */
export function stageSummaryLine(summary: StageSummary | undefined): string {
  if (!summary) return '';
  const parts: string[] = [];
  parts.push(`${summary.touchpoints} touchpoint${summary.touchpoints === 1 ? '' : 's'}`);
  if (summary.dataPoints.length) parts.push(`${summary.dataPoints.length} data point${summary.dataPoints.length === 1 ? '' : 's'}`);
  if (summary.systems.length) parts.push(`${summary.systems.length} system${summary.systems.length === 1 ? '' : 's'}`);
  if (summary.emotion !== null) parts.push(`mood ${signed(summary.emotion)}`);
  return parts.join(' · ');
}
