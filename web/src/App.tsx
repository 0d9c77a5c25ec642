import { Route, Router, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createResource, Show, type Component, type JSX } from 'solid-js';
import { api, setAuthHandlers } from './api.ts';
import { Async } from './components/Async.tsx';
import { Frame } from './components/Frame.tsx';
import { Narrow } from './components/Narrow.tsx';
import { TimeoutWarning } from './components/TimeoutWarning.tsx';
import { Activate } from './pages/Activate.tsx';
import { AdminUser } from './pages/AdminUser.tsx';
import { ApprovalQueue } from './pages/ApprovalQueue.tsx';
import { ChangePassword } from './pages/ChangePassword.tsx';
import { CheckAnswers } from './pages/CheckAnswers.tsx';
import { CaseDetail } from './pages/CaseDetail.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { DeleteReferral } from './pages/DeleteReferral.tsx';
import { EditReferral } from './pages/EditReferral.tsx';
import { EmployeeConsent } from './pages/EmployeeConsent.tsx';
import { EmployeeLetter } from './pages/EmployeeLetter.tsx';
import { Library } from './pages/Library.tsx';
import {
  QuestionnaireCheck,
  QuestionnairePages,
  QuestionnaireSignIn,
  QuestionnaireStart,
  QuestionnaireSubmitted,
} from './pages/EmployeeQuestionnaire.tsx';
import { MakeReferral } from './pages/MakeReferral.tsx';
import { ManagementInformation } from './pages/ManagementInformation.tsx';
import { MyAccount } from './pages/MyAccount.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Organisations } from './pages/Organisations.tsx';
import { EditOrganisation, NewOrganisation } from './pages/OrganisationSettingsForm.tsx';
import { OrganisationLibrary } from './pages/OrganisationLibrary.tsx';
import { OrganisationPacks } from './pages/OrganisationPacks.tsx';
import { OrganisationUsers } from './pages/OrganisationUsers.tsx';
import { ProviderOrganisation, ProviderOrganisations } from './pages/ProviderOrganisations.tsx';
import { ForgotPassword, ForgotUsername, ResetPassword } from './pages/Recovery.tsx';
import { QuestionnaireReview, QuestionnaireReviewQueue } from './pages/QuestionnaireReview.tsx';
import { RequestQuestionnaire } from './pages/RequestQuestionnaire.tsx';
import { QuestionnaireCase, TrackQuestionnaires } from './pages/TrackQuestionnaires.tsx';
import { ReferralSubmitted } from './pages/ReferralSubmitted.tsx';
import { Leaver, ReassignAll } from './pages/ReassignAll.tsx';
import { ReassignCase } from './pages/ReassignCase.tsx';
import { ReassignProgress } from './pages/ReassignProgress.tsx';
import { Register } from './pages/Register.tsx';
import { SavedReferrals } from './pages/SavedReferrals.tsx';
import { SignIn, type SignInState } from './pages/SignIn.tsx';
import { Statuses } from './pages/Statuses.tsx';
import { Cases, TrackReferrals } from './pages/CaseLists.tsx';
import { FOOTER_PAGES } from './pages/footer-pages.ts';
import { TriageCase } from './pages/TriageCase.tsx';
import { TriageQueue } from './pages/TriageQueue.tsx';
import { TwoFactor } from './pages/TwoFactor.tsx';
import { TwoFactorSignIn } from './pages/TwoFactorSignIn.tsx';
import { UserAdmin } from './pages/UserAdmin.tsx';
import { SessionProvider, TWO_FACTOR_PATH } from './session.tsx';

/** Signing in, registering and recovering: no session needed. */
const SIGNED_OUT: Record<string, Component> = {
  '/sign-in': SignIn,
  '/sign-in/two-factor': TwoFactorSignIn,
  '/register': Register,
  '/activate': Activate,
  '/forgot-password': ForgotPassword,
  '/forgot-username': ForgotUsername,
  '/reset-password': ResetPassword,
  // The referred employee, from emailed links: they have no account.
  '/employee/consent': EmployeeConsent,
  '/employee/letter': EmployeeLetter,
  // The questionnaire's employee: the emailed link, then their own session.
  '/questionnaire': QuestionnaireStart,
  '/questionnaire/sign-in': QuestionnaireSignIn,
  '/questionnaire/pages': QuestionnairePages,
  '/questionnaire/check': QuestionnaireCheck,
  '/questionnaire/submitted': QuestionnaireSubmitted,
};

const SIGNED_IN: Record<string, Component> = {
  '/': Dashboard,
  '/referrals': TrackReferrals,
  '/referrals/new': MakeReferral,
  '/referrals/saved': SavedReferrals,
  '/referrals/:id/check': CheckAnswers,
  '/referrals/:id/submitted': ReferralSubmitted,
  '/referrals/:id/delete': DeleteReferral,
  '/approvals': ApprovalQueue,
  '/questionnaires': TrackQuestionnaires,
  '/questionnaires/new': RequestQuestionnaire,
  '/questionnaires/:id': QuestionnaireCase,
  '/cases': Cases,
  '/cases/:id': CaseDetail,
  '/cases/:id/reassign': ReassignCase,
  '/triage': TriageQueue,
  '/questionnaire-review': QuestionnaireReviewQueue,
  '/questionnaire-review/:id': QuestionnaireReview,
  '/triage/:id': TriageCase,
  '/account': MyAccount,
  '/account/password': ChangePassword,
  [TWO_FACTOR_PATH]: TwoFactor,
  '/account/organisations': Organisations,
  '/users': UserAdmin,
  '/admin/users/:id': AdminUser,
  '/admin/users/:id/reassign': ReassignAll,
  '/admin/users/:id/leaver': Leaver,
  '/admin/reassignments/:id': ReassignProgress,
  '/admin/shares': UserSharesTab,
  // Provider administration: the organisations and, for each, its users, library and MI packs.
  '/admin/organisations': ProviderOrganisations,
  '/admin/organisations/new': NewOrganisation,
  '/admin/organisations/:id': ProviderOrganisation,
  '/admin/organisations/:id/edit': EditOrganisation,
  '/admin/organisations/:id/users': OrganisationUsers,
  '/admin/organisations/:id/library': OrganisationLibrary,
  '/admin/organisations/:id/packs': OrganisationPacks,
  '/mi': ManagementInformation,
  '/library': Library,
  '*': NotFound,
};

/** Help, accessibility, privacy and cookies: for anyone, in the signed-in frame when there is a session. */
const FOR_EVERYONE: Record<string, Component> = {
  ...Object.fromEntries(FOOTER_PAGES.map((page) => [page.path, page.component])),
  '/help/statuses': Statuses,
};

/** 03 User Shares has an address of its own; it is a tab of User Admin. */
function UserSharesTab() {
  const navigate = useNavigate();
  navigate('/users?tab=shares', { replace: true });
  return null;
}

const routes = (table: Record<string, Component>) =>
  Object.entries(table).map(([path, component]) => <Route path={path} component={component} />);

export function App() {
  return (
    <Router root={Root}>
      <Route component={SignedOut}>{routes(SIGNED_OUT)}</Route>
      <Route component={SignedInOrNot}>{routes(FOR_EVERYONE)}</Route>
      <Route path="/" component={SignedIn}>
        {/* One route: a new form's first save moves it to /referrals/:id/edit without a new page. */}
        <Route path={['/referrals/new/:formKey', '/referrals/:id/edit']} component={EditReferral} />
        {routes(SIGNED_IN)}
      </Route>
    </Router>
  );
}

/**
 * What the API's refusals mean for the user: a 401 sends them to sign in,
 * remembering where they were; an organisation that requires two-factor
 * authentication sends them to set it up.
 */
function Root(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  setAuthHandlers({
    unauthenticated: () => {
      // A page for everyone only asks whether there is a session.
      if (location.pathname.startsWith('/sign-in') || location.pathname in FOR_EVERYONE) return;
      const here = `${location.pathname}${location.search}`;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    },
    twoFactorRequired: () => {
      if (location.pathname !== TWO_FACTOR_PATH) navigate(TWO_FACTOR_PATH, { replace: true });
    },
  });
  return <>{props.children}</>;
}

/** Signing in, registering and recovering: the page template without a session. */
function SignedOut(props: RouteSectionProps) {
  return (
    <Frame>
      <Narrow>{props.children}</Narrow>
    </Frame>
  );
}

/** Every other page: loads the session, for the header and the pages, and watches its time. */
function SignedIn(props: RouteSectionProps) {
  return <WithSession>{props.children}</WithSession>;
}

/** The footer's pages: the signed-in frame when there is a session, the signed-out one when not. */
function SignedInOrNot(props: RouteSectionProps) {
  return (
    <WithSession optional>
      <Narrow>{props.children}</Narrow>
    </WithSession>
  );
}

/**
 * Loads the session, for the header and the pages, and watches its time. A
 * page that needs one waits for it (a 401 sends the user to sign in); an
 * optional one is shown without it when there is none.
 */
function WithSession(props: { optional?: boolean; children: JSX.Element }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [session, { refetch }] = createResource(api.session);
  const current = () => (session.state === 'ready' || session.state === 'refreshing' ? session.latest : undefined);
  // Only the organisations switcher needs them; a failure leaves it out.
  const [memberships] = createResource(
    () => {
      const s = current();
      return s && !s.twoFactorSetupRequired ? s.organisation.id : false;
    },
    () => api.memberships().catch(() => []),
  );

  createEffect(() => {
    if (props.optional) return;
    if (current()?.twoFactorSetupRequired && location.pathname !== TWO_FACTOR_PATH)
      navigate(TWO_FACTOR_PATH, { replace: true });
  });

  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      navigate('/sign-in', { replace: true, state: { signedOut: true } satisfies SignInState });
    }
  };
  const expired = () => {
    const here = `${location.pathname}${location.search}`;
    navigate(`/sign-in?next=${encodeURIComponent(here)}`, {
      replace: true,
      state: { timedOut: true } satisfies SignInState,
    });
  };

  return (
    <Show
      when={current()}
      fallback={
        <Frame>
          <Show when={props.optional && session.error} fallback={<Async resource={session}>{() => null}</Async>}>
            {props.children}
          </Show>
        </Frame>
      }
    >
      {(loaded) => (
        <SessionProvider
          value={{
            session: loaded,
            reload: async () => {
              await refetch();
            },
          }}
        >
          <Frame session={loaded()} memberships={memberships.latest ?? []} onSignOut={() => void signOut()}>
            {props.children}
          </Frame>
          <TimeoutWarning onSignOut={() => void signOut()} onExpired={expired} />
        </SessionProvider>
      )}
    </Show>
  );
}
