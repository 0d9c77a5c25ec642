import type { AppDeps, AuthContext } from '../api/context.ts';
import { loadAuthContext } from '../api/auth/load-auth-context.ts';
import { issueLetter } from '../api/referrals/advice-letters.ts';
import { bookAction } from '../api/referrals/case-actions.ts';
import { requestConsent } from '../api/referrals/consent.ts';
import { createReferralDraft } from '../api/referrals/create-referral-draft.ts';
import { closeCase } from '../api/referrals/referral-lifecycle.ts';
import { submitReferral } from '../api/referrals/submit-referral.ts';
import { acceptReferral, rejectReferral } from '../api/referrals/triage-referral.ts';
import { createOrganisation, createUser } from '../db/queries/provisioning.ts';
import type { Permission } from '../domain/permissions.ts';
import { hashPassword } from '../services/passwords.ts';

export const DEMO_PASSWORD = 'Xr7#Qv9!Lk2@';

const ORG_NAMES = {
  noh: 'Northgate OH (provider)',
  csm: 'Civil Service Ministry',
  bbc: 'Bridgeford Borough Council',
} as const;

type DemoPerson = {
  username: string;
  first: string;
  last: string;
  job: string;
  org: keyof typeof ORG_NAMES;
  permissions: readonly Permission[];
  manager?: string;
  role: string;
};

/** A user for every role of SPEC.md section 1; managers come before their reports. */
const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    org: 'noh',
    username: 'demo.clinician',
    first: 'Clara',
    last: 'Clinician',
    job: 'OH Physician',
    permissions: ['clinician'],
    role: 'Clinician',
  },
  {
    org: 'noh',
    username: 'demo.provideradmin',
    first: 'Priya',
    last: 'Desk',
    job: 'Service Desk',
    permissions: ['provider_admin'],
    role: 'Provider admin',
  },
  {
    org: 'csm',
    username: 'demo.orgadmin',
    first: 'Olivia',
    last: 'Top',
    job: 'Head of HR',
    permissions: ['referrer', 'approver', 'user_admin', 'case_reassigner', 'mi_viewer'],
    role: 'Org user admin, reassigner, MI viewer (top)',
  },
  {
    org: 'csm',
    username: 'demo.manager',
    first: 'Mark',
    last: 'Manager',
    job: 'Operations Manager',
    permissions: ['referrer', 'approver'],
    manager: 'demo.orgadmin',
    role: 'Approver / manager (middle)',
  },
  {
    org: 'csm',
    username: 'demo.referrer',
    first: 'Rita',
    last: 'Referrer',
    job: 'Team Leader',
    permissions: ['referrer'],
    manager: 'demo.manager',
    role: 'Referrer (bottom)',
  },
  {
    org: 'csm',
    username: 'demo.hr',
    first: 'Harry',
    last: 'Hughes',
    job: 'HR Adviser',
    permissions: ['referrer'],
    manager: 'demo.orgadmin',
    role: 'Referrer in another branch',
  },
  {
    org: 'bbc',
    username: 'demo.council.admin',
    first: 'Alice',
    last: 'Adams',
    job: 'HR Director',
    permissions: ['referrer', 'approver', 'user_admin', 'mi_viewer'],
    role: 'Org user admin (top)',
  },
  {
    org: 'bbc',
    username: 'demo.council.approver',
    first: 'Bob',
    last: 'Boss',
    job: 'Depot Manager',
    permissions: ['referrer', 'approver'],
    manager: 'demo.council.admin',
    role: 'Approver (middle)',
  },
  {
    org: 'bbc',
    username: 'demo.council.referrer',
    first: 'Rob',
    last: 'Rivers',
    job: 'Supervisor',
    permissions: ['referrer'],
    manager: 'demo.council.approver',
    role: 'Referrer needing approval (bottom)',
  },
];

export const DEMO_LOGINS = DEMO_PEOPLE.map((p) => ({
  username: p.username,
  role: p.role,
  organisation: ORG_NAMES[p.org],
}));

/**
 * The demo world: the provider, two client organisations with a three-level
 * hierarchy, a user for every role, and referrals in several states. Records
 * are created directly; every referral goes through the real operations and
 * workflows, exactly as the portal would drive them.
 */
export async function loadDemoData(deps: AppDeps): Promise<void> {
  const { db } = deps;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const provider = await createOrganisation(db, {
    code: 'NOH',
    name: 'Northgate Occupational Health',
    isProvider: true,
    verificationCode: 'NOH-PROVIDER-7731',
    caseNumberPrefix: 'NOH',
    emailDomains: ['northgate-oh.example'],
  });
  const ministry = await createOrganisation(db, {
    code: 'CSM',
    name: 'Civil Service Ministry',
    verificationCode: 'CSM-2026-REF',
    caseNumberPrefix: 'CSM/OM/MD',
    emailDomains: ['csm.example'],
    locations: ['Leeds', 'London', 'Newcastle'],
    divisions: ['Operations', 'Corporate Services'],
    departments: ['Claims', 'Finance', 'People'],
    formKeys: ['management-referral', 'ihr1'],
  });
  const council = await createOrganisation(db, {
    code: 'BBC',
    name: 'Bridgeford Borough Council',
    verificationCode: 'BBC-2026-REF',
    caseNumberPrefix: 'BBC/OH',
    requiresApproval: true,
    emailDomains: ['bridgeford.example'],
    locations: ['Town Hall', 'Depot'],
    divisions: ['Environment'],
    departments: ['Waste Services'],
    formKeys: ['management-referral'],
  });

  const orgs = {
    noh: { org: provider, domain: 'northgate-oh.example' },
    csm: { org: ministry, domain: 'csm.example' },
    bbc: { org: council, domain: 'bridgeford.example' },
  };
  const ids: Record<string, string> = {};
  for (const p of DEMO_PEOPLE) {
    const { org, domain } = orgs[p.org];
    ids[p.username] = await createUser(
      db,
      {
        username: p.username,
        email: `${p.username.replace('.', '_')}@${domain}`,
        passwordHash,
        title: 'Mx',
        firstName: p.first,
        surname: p.last,
        jobTitle: p.job,
        telephone: '0113 496 0123',
        workAddress: '1 Demo Way, Leeds',
        workPostcode: 'LS1 4AP',
      },
      [
        {
          organisationId: org.id,
          managerId: p.manager ? ids[p.manager]! : null,
          permissions: [...p.permissions],
          locationId: Object.values(org.locations)[0] ?? null,
          divisionId: Object.values(org.divisions)[0] ?? null,
          departmentId: Object.values(org.departments)[0] ?? null,
        },
      ],
    );
  }

  const as = async (username: string, org: { id: string }): Promise<AuthContext> => {
    const auth = await loadAuthContext(db, {
      userId: ids[username]!,
      organisationId: org.id,
      token: 'demo-data',
      expiresAt: new Date(),
    });
    if (!auth) throw new Error(`demo user ${username} has no membership`);
    return auth;
  };
  const rita = await as('demo.referrer', ministry);
  const harry = await as('demo.hr', ministry);
  const rob = await as('demo.council.referrer', council);
  const clara = await as('demo.clinician', provider);

  const refer = async (auth: AuthContext, employee: [string, string], submit = true) => {
    const { id } = await createReferralDraft(deps, auth, {
      formKey: 'management-referral',
      formData: demoForm(auth, employee),
    });
    if (submit) await submitReferral(deps, auth, id);
    return id;
  };
  await refer(rita, ['Dana', 'Draft'], false);
  await refer(rita, ['Pat', 'Pending']);
  const open = await refer(rita, ['Oscar', 'Open']);
  await acceptReferral(deps, clara, open, 'triage_ima_required');
  await bookAction(
    deps,
    clara,
    open,
    {
      kind: 'appointment',
      scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      appointmentType: 'telephone',
    },
    null,
  );
  const evidence = await refer(harry, ['Fay', 'Evidence']);
  await acceptReferral(deps, clara, evidence, 'triage_further_evidence_required');
  const consent = await refer(rita, ['Connie', 'Consent']);
  await acceptReferral(deps, clara, consent, 'triage_ima_required');
  await requestConsent(deps, clara, consent, null);
  const closed = await refer(rita, ['Cleo', 'Closed']);
  await acceptReferral(deps, clara, closed, 'triage_ima_required');
  await issueLetter(
    deps,
    clara,
    closed,
    {
      body: 'Thank you for referring Cleo.\n\nCleo is fit for their role with a phased return over four weeks and a workstation assessment.',
      employeeReview: false,
    },
    null,
  );
  await closeCase(deps, clara, closed, { outcome: 'Fit for work with adjustments', recallDate: '2027-05-01' }, null);
  const rejected = await refer(rita, ['Reece', 'Rejected']);
  await rejectReferral(deps, clara, rejected, {
    category: 'more_information_needed',
    reason: 'Please add the sickness absence record and resubmit.',
  });
  await refer(rob, ['Abe', 'Approval']);
}

function demoForm(auth: AuthContext, [first, last]: [string, string]): Record<string, string> {
  return {
    referrerTitle: auth.user.title ?? '',
    referrerName: `${auth.user.firstName} ${auth.user.surname}`,
    referrerOrganisation: auth.organisation.name,
    replyAddress: auth.user.workAddress ?? '',
    replyPostcode: auth.user.workPostcode ?? '',
    referrerTelephone: auth.user.telephone ?? '',
    communicationEmail: auth.user.email,
    employeeFirstName: first,
    employeeSurname: last,
    employeeDateOfBirth: '1984-06-15',
    employeeJobTitle: 'Caseworker',
    employeeAddress: '22 Example Street, Leeds',
    employeePostcode: 'LS6 2AB',
    employeeEmail: `${first.toLowerCase()}.${last.toLowerCase()}@home.example`,
    reasonForReferral: 'Recurring absence; the manager would like advice on adjustments.',
    currentlyAbsent: 'No',
    questionsForProvider: 'Is the employee fit for their role, and which adjustments would help?',
    employeeSeesReportFirst: 'No',
    declarationDiscussed: 'Yes',
    declarationAccurate: 'Yes',
  };
}
