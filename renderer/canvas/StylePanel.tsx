import { DefaultStylePanel, useEditor, useValue } from 'tldraw';
import { PROJECTED_TYPES } from './shape-types.ts';

/**
 * tldraw's style panel, shown only when it applies: while drawing an annotation or with an
 * annotation selected. Projected shapes have no styles, and the panel would cover the scroll.
 */
export function AnnotationStylePanel() {
  const editor = useEditor();
  const show = useValue(
    'show style panel',
    () => {
      const tool = editor.getCurrentToolId();
      if (tool !== 'select' && tool !== 'hand' && tool !== 'laser' && tool !== 'zoom') return true;
      return editor.getSelectedShapes().some((shape) => !PROJECTED_TYPES.has(shape.type));
    },
    [editor],
  );
  return show ? <DefaultStylePanel /> : null;
}
