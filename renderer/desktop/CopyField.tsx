import { useId, useState } from 'react';

/**
 * A read-only field with a link or token, and a button that copies it. The button's accessible
 * name says what it copies ("Copy Editor token"); a refused clipboard leaves it saying "Copy".
 */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="js-copy">
      <label htmlFor={id}>{label}</label>
      <span className="js-row">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          aria-label={`Copy ${label}`}
          onClick={() =>
            void navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </div>
  );
}
