import { Page } from '../components/Page.tsx';

/** Sections in the navigation whose pages come in later releases. */
const PAGES = [
  {
    path: '/questionnaires/new',
    title: 'Request Questionnaire',
    will: 'let you send a health questionnaire to an employee',
  },
  {
    path: '/questionnaires',
    title: 'Track Questionnaires',
    will: 'show the health questionnaires you have requested and how far each has got',
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
