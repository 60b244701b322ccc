/** Card colours by kind, shared by the CSS and the SVG export (same as shared/export's scene). */
export const KIND_FILL: Record<string, string> = {
  action: '#fde68a',
  feeling: '#fbcfe8',
  touchpoint: '#bfdbfe',
  data: '#bbf7d0',
  system: '#e9d5ff',
  team: '#fed7aa',
  automation: '#a5f3fc',
  note: '#f5f5f4',
};
