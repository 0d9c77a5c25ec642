import { createSignal } from 'solid-js';
import { api } from '../api.ts';
import { createNewPassword, NewPasswordFields, passwordRefused, PasswordSubmit } from '../account/NewPassword.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { passwordInput, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { useSession } from '../session.tsx';

/** My Account: a new password, with the current one, under the same rules as registration. */
export function ChangePassword() {
  const session = useSession();
  const [current, setCurrent] = createSignal('');
  const password = createNewPassword(() => session.user.username);
  const errors = createFormErrors({ order: ['currentPassword', 'password', 'passwordConfirmation'] });
  const [changed, setChanged] = createSignal<Outcome>();
  const submitter = createSubmitter();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setChanged(undefined);
    if (!current()) return errors.set([{ target: 'currentPassword', text: 'Enter your current password' }]);
    if (passwordRefused(password, errors)) return;
    void submitter.run(async () => {
      try {
        await api.changePassword({
          currentPassword: current(),
          password: password.password(),
          passwordConfirmation: password.confirmation(),
        });
        errors.clear();
        setCurrent('');
        password.clear();
        setChanged({
          heading: 'Your password has been changed',
          detail: 'You have been signed out everywhere else you were signed in.',
        });
      } catch (error) {
        errors.show(error);
      }
    });
  };

  return (
    <Narrow>
      <BackLink href="/account">Back to My Account</BackLink>
      <Page
        title="Change your password"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={changed()} />}
      >
        <form novalidate onSubmit={submit}>
          <TextInput
            id="currentPassword"
            label="Current password"
            {...passwordInput('current-password')}
            value={current()}
            error={errors.field('currentPassword')}
            onInput={setCurrent}
          />
          <NewPasswordFields form={password} errors={errors} label="New password" confirmLabel="Confirm new password" />
          <PasswordSubmit form={password} busy={submitter.busy()}>
            Change password
          </PasswordSubmit>
        </form>
      </Page>
    </Narrow>
  );
}
