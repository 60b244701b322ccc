import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { insertMention, matchPeople, MAX_COMMENT_BODY, mentionQuery, mentionsIn } from '../../shared/comments/index.ts';

/**
 * A comment text box: type `@` and a name to mention someone in the room (a list of matching
 * people appears: ↑/↓ choose, Enter or Tab takes, Escape closes). Ctrl/⌘+Enter posts, Escape
 * (with no list open) cancels. The mentioned names are found in the text when it is posted.
 */
export function CommentComposer({
  label,
  submitLabel,
  people,
  initial = '',
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  people: readonly string[];
  initial?: string;
  autoFocus?: boolean;
  onSubmit: (body: string, mentions: string[]) => boolean | void;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initial);
  const [caret, setCaret] = useState(initial.length);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const query = mentionQuery(text, caret);
  const matches = query === null || dismissed === caret ? [] : matchPeople(query, people);
  const open = matches.length > 0;

  const submit = () => {
    const body = text.trim();
    if (!body) return;
    if (onSubmit(body, mentionsIn(body, people)) !== false) {
      setText('');
      setCaret(0);
    }
  };
  const take = (name: string) => {
    const next = insertMention(text, caret, name);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Keys typed here are the text's, never the canvas's shortcuts.
    e.stopPropagation();
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      take(matches[Math.min(active, matches.length - 1)]!);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open) setDismissed(caret);
      else onCancel?.();
    }
  };
  return (
    <div className="js-comment-composer">
      <textarea
        ref={area}
        aria-label={label}
        value={text}
        maxLength={MAX_COMMENT_BODY}
        rows={2}
        autoFocus={autoFocus}
        placeholder="Write a comment — @ to mention"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        {...(open ? { 'aria-activedescendant': `${listId}-${Math.min(active, matches.length - 1)}` } : {})}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setDismissed(null);
        }}
        onSelect={(e) => setCaret((e.target as HTMLTextAreaElement).selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul className="js-mention-list" role="listbox" id={listId} aria-label="People to mention">
          {matches.map((name, i) => (
            <li
              key={name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === Math.min(active, matches.length - 1)}
              onMouseDown={(e) => {
                e.preventDefault();
                take(name);
              }}
            >
              {name}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="js-comment-actions">
        <button type="button" onClick={submit} disabled={!text.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </div>
  );
}
