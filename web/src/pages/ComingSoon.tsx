import { Page } from '../components/Page.tsx';

/** Sections in the navigation whose pages come in later releases. */
const PAGES = [
  {
    path: '/mi',
    title: 'Management Information',
    will: 'show reports on the referrals and cases you are allowed to see',
  },
] as const;

export const COMING_SOON = PAGES.map((page) => ({
  path: page.path,
  component: () => (
    <Page title={page.title}>
      <p class="govuk-body">This part of Casebook is being built. It will {page.will}.</p>
    </Page>
  ),
}));
