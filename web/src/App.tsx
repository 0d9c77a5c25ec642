import { Route, Router, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { api, setUnauthenticatedHandler } from './api.ts';
import { Async } from './components/Async.tsx';
import { Frame } from './components/Frame.tsx';
import { CaseDetail } from './pages/CaseDetail.tsx';
import { COMING_SOON } from './pages/ComingSoon.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { EditReferral } from './pages/EditReferral.tsx';
import { MakeReferral } from './pages/MakeReferral.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { SavedReferrals } from './pages/SavedReferrals.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { TrackReferrals } from './pages/TrackReferrals.tsx';
import { TriageCase } from './pages/TriageCase.tsx';
import { TriageQueue } from './pages/TriageQueue.tsx';
import { SessionProvider } from './session.tsx';

export function App() {
  return (
    <Router root={Root}>
      <Route path="/sign-in" component={SignIn} />
      <Route path="/" component={SignedIn}>
        <Route path="/" component={Dashboard} />
        <Route path="/referrals" component={TrackReferrals} />
        <Route path="/referrals/new" component={MakeReferral} />
        <Route path="/referrals/saved" component={SavedReferrals} />
        <Route path="/referrals/:id/edit" component={EditReferral} />
        <Route path="/cases/:id" component={CaseDetail} />
        <Route path="/triage" component={TriageQueue} />
        <Route path="/triage/:id" component={TriageCase} />
        {COMING_SOON.map((page) => (
          <Route path={page.path} component={page.component} />
        ))}
        <Route path="*" component={NotFound} />
      </Route>
    </Router>
  );
}

/** Any 401 sends the user to sign in, remembering where they were. */
function Root(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  setUnauthenticatedHandler(() => {
    if (location.pathname === '/sign-in') return;
    const here = `${location.pathname}${location.search}`;
    navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
  });
  return <>{props.children}</>;
}

/** Every page but sign-in: loads the session once, for the header and the pages. */
function SignedIn(props: RouteSectionProps) {
  const navigate = useNavigate();
  const [session] = createResource(api.session);
  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      navigate('/sign-in', { replace: true, state: { signedOut: true } });
    }
  };
  return (
    <Show
      when={session.state === 'ready' ? session.latest : undefined}
      fallback={
        <Frame>
          <Async resource={session}>{() => null}</Async>
        </Frame>
      }
    >
      {(current) => (
        <SessionProvider value={current()}>
          <Frame session={current()} onSignOut={signOut}>
            {props.children}
          </Frame>
        </SessionProvider>
      )}
    </Show>
  );
}
