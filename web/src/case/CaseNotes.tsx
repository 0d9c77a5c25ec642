import { createResource, createSignal, For, Show } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { Button, TextArea } from '../components/fields.tsx';
import { formatDate, formatTime } from '../format.ts';
import { hasWords, type ActionRunner } from './action-runner.ts';

/**
 * The provider's notes for the referrer, oldest first, each dated and signed. A clinician writes
 * them here; the owner and sharers are emailed that a note was added, never what it says.
 */
export function CaseNotes(props: { referral: Referral; runner: ActionRunner }) {
  const r = () => props.referral;
  const [notes, { refetch }] = createResource(() => r().id, api.notes);
  const [text, setText] = createSignal('');
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    if (!hasWords(text())) return props.runner.refuse('Enter the note', 'body');
    props.runner.run(async () => {
      await api.addNote(r().id, text().trim());
      setText('');
      return { heading: 'Note added', detail: 'The referrer has been emailed that there is a new note.' };
    }, refetch);
  };
  return (
    <>
      <h2 class="govuk-heading-m">Notes</h2>
      <Show
        when={(notes.latest ?? []).length > 0}
        fallback={<p class="govuk-body">{notes.loading ? 'Loading notes…' : 'There are no notes on this case.'}</p>}
      >
        <ul class="govuk-list app-notes">
          <For each={notes.latest}>
            {(note) => (
              <li class="govuk-!-margin-bottom-6">
                <p class="govuk-body app-multiline govuk-!-margin-bottom-1">{note.body}</p>
                <p class="govuk-hint govuk-body-s govuk-!-margin-bottom-0">
                  {note.signedBy}, {formatDate(note.createdAt)} at {formatTime(note.createdAt)}
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={r().mayAddNote}>
        <form novalidate onSubmit={add}>
          <TextArea
            id="body"
            label="Add a note for the referrer"
            hint="Dated and signed with your name. The referrer is emailed that a note was added, but not what it says."
            rows={4}
            value={text()}
            error={props.runner.errors.field('body')}
            onInput={setText}
          />
          <Button variant="secondary">Add note</Button>
        </form>
      </Show>
    </>
  );
}
