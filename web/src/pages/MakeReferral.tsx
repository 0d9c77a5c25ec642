import { useNavigate } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, Radios } from '../components/fields.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { referralPaths } from '../referral/paths.ts';

export function MakeReferral() {
  const navigate = useNavigate();
  const [formTypes] = createResource(api.formTypes);
  const [formKey, setFormKey] = createSignal('');
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);

  // Opens the form unsaved: the draft is made when its first answer is saved, so leaving now leaves nothing behind.
  const start = (event: SubmitEvent) => {
    event.preventDefault();
    if (!formKey()) return setErrors([{ target: 'formKey', text: 'Select the type of referral' }]);
    navigate(referralPaths.new(formKey()));
  };

  return (
    <Async resource={formTypes}>
      {(types) => (
        <Narrow>
          <Page title="Make a referral" error={errors().length > 0} notice={<ErrorSummary errors={errors()} />}>
            <form novalidate onSubmit={start}>
              <Radios
                id="formKey"
                label="What type of referral are you making?"
                legendClass="govuk-fieldset__legend--m"
                hint="Your answers are saved as you go, from the first one. You can finish the referral later from Saved Referrals."
                options={types().map((t) => ({ value: t.key, label: t.name }))}
                value={formKey()}
                error={errors()[0]?.text}
                onInput={setFormKey}
              />
              <Button>Continue</Button>
            </form>
          </Page>
        </Narrow>
      )}
    </Async>
  );
}
