import { useNavigate } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, Radios } from '../components/fields.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';

export function MakeReferral() {
  const navigate = useNavigate();
  const [formTypes] = createResource(api.formTypes);
  const [formKey, setFormKey] = createSignal('');
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);
  const [busy, setBusy] = createSignal(false);

  const start = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!formKey()) return setErrors([{ target: 'formKey', text: 'Select the type of referral' }]);
    setBusy(true);
    try {
      const { id } = await api.createReferral(formKey());
      navigate(`/referrals/${id}/edit`);
    } catch (error) {
      setErrors([{ target: 'formKey', text: error instanceof ApiError ? error.message : 'The referral could not be started. Try again.' }]);
    } finally {
      setBusy(false);
    }
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
                hint="Your answers are saved as you go. You can finish the referral later from Saved Referrals."
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
