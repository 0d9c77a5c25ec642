import type { JSX } from 'solid-js';

/** Lets a wide table scroll sideways on a tablet (a phone shows cards); focusable so keyboard users can scroll it too. */
export function TableWrapper(props: { label: string; children: JSX.Element }) {
  return (
    <div class="app-table-wrapper" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}
