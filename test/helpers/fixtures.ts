import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import { enableQuestionnaireTypes } from '../../db/queries/questionnaires.ts';
import type { Permission } from '../../domain/permissions.ts';
import { hashPassword } from '../../services/passwords.ts';
import { MANAGEMENT_REFERRAL } from '../../db/reference-data/form-types.ts';

export const PASSWORD = 'Qz8!Kv3#Wp5$Tx';
let passwordHash: Promise<string> | undefined;

/**
 * A small world with unique names, so test files share one database safely:
 * a provider with a clinician, and a client organisation with this hierarchy:
 *
 *   top (user admin)
 *   ├── manager
 *   │   └── referrer
 *   └── peer          (a referrer in another branch: must not see referrer's cases)
 * plus `outsider`, a referrer of a second client organisation.
 */
export async function createWorld(db: Knex, options: { requiresApproval?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const tag = randomBytes(4).toString('hex');
  const provider = await createOrganisation(db, {
    code: `P${tag}`,
    name: `Provider ${tag}`,
    isProvider: true,
    verificationCode: `prov-${tag}`,
    caseNumberPrefix: `PRV/${tag}`,
    emailDomains: [`provider-${tag}.test`],
  });
  const client = await createOrganisation(db, {
    code: `C${tag}`,
    name: `Client ${tag}`,
    verificationCode: `client-${tag}`,
    caseNumberPrefix: `CSM/OM/${tag}`,
    requiresApproval: options.requiresApproval ?? false,
    emailDomains: [`client-${tag}.test`],
    locations: ['Leeds', 'York'],
    divisions: ['Operations'],
    departments: ['Claims'],
    formKeys: ['management-referral', 'ihr1'],
  });
  await enableQuestionnaireTypes(db, client.id, [
    'health-assessment',
    'night-worker',
    'display-screen-equipment',
    'driving',
  ]);
  const other = await createOrganisation(db, {
    code: `O${tag}`,
    name: `Other ${tag}`,
    verificationCode: `other-${tag}`,
    caseNumberPrefix: `OTH/${tag}`,
    emailDomains: [`other-${tag}.test`],
    formKeys: ['management-referral'],
  });
  const user = async (
    name: string,
    orgId: string,
    domain: string,
    permissions: Permission[],
    managerId: string | null = null,
  ) => {
    const username = `${name}-${tag}`;
    const id = await createUser(
      db,
      {
        username,
        email: `${username}@${domain}`,
        passwordHash: hash,
        title: 'Ms',
        firstName: name[0]!.toUpperCase() + name.slice(1),
        surname: `Tester${tag}`,
        jobTitle: 'HR Adviser',
        telephone: '0113 496 0000',
        workAddress: '1 Test Street, Leeds',
        workPostcode: 'LS1 1AA',
      },
      [
        {
          organisationId: orgId,
          managerId,
          permissions,
          locationId: orgId === client.id ? client.locations.Leeds! : null,
        },
      ],
    );
    return { id, username, email: `${username}@${domain}` };
  };
  const clinician = await user('clinician', provider.id, `provider-${tag}.test`, ['clinician']);
  const top = await user('top', client.id, `client-${tag}.test`, ['referrer', 'approver', 'user_admin', 'mi_viewer']);
  const manager = await user('manager', client.id, `client-${tag}.test`, ['referrer', 'approver'], top.id);
  const referrer = await user('referrer', client.id, `client-${tag}.test`, ['referrer'], manager.id);
  const peer = await user('peer', client.id, `client-${tag}.test`, ['referrer'], top.id);
  const outsider = await user('outsider', other.id, `other-${tag}.test`, ['referrer']);
  return { tag, provider, client, other, clinician, top, manager, referrer, peer, outsider };
}

/** A Management Referral with every required answer, as a referrer would fill it. */
export function completeManagementReferral(overrides: Record<string, string> = {}): Record<string, string> {
  const data: Record<string, string> = {
    referrerTitle: 'Ms',
    referrerName: 'Rita Referrer',
    referrerOrganisation: 'Client',
    replyAddress: '1 Test Street, Leeds',
    replyPostcode: 'LS1 1AA',
    referrerTelephone: '0113 496 0000',
    communicationEmail: 'rita@client.test',
    employeeFirstName: 'Eddie',
    employeeSurname: 'Employee',
    employeeDateOfBirth: '1980-04-01',
    employeeJobTitle: 'Claims handler',
    employeeAddress: '2 Home Road, Leeds',
    employeePostcode: 'LS2 2BB',
    reasonForReferral: 'Back pain affecting attendance.',
    currentlyAbsent: 'No',
    questionsForProvider: 'Is the employee fit for full duties?',
    employeeSeesReportFirst: 'No',
    declarationDiscussed: 'Yes',
    declarationAccurate: 'Yes',
  };
  // Guard: the fixture must stay complete as the form definition changes.
  for (const step of MANAGEMENT_REFERRAL.steps)
    for (const f of step.fields) if (f.required && !data[f.name]) throw new Error(`fixture lacks ${f.name}`);
  return { ...data, ...overrides };
}

/**
 * An advice letter issued on a case, written straight to its tables (the MI tests need only its
 * date; its document holds no real letter). Returns the letter's id.
 */
export async function insertAdviceLetter(db: Knex, referralId: string, issuedAt: Date): Promise<string> {
  const documentId = randomUUID();
  const blank = Buffer.alloc(12);
  await db('documents').insert({
    id: documentId,
    referralId,
    kind: 'advice-letter',
    filename: 'letter.pdf',
    contentType: 'application/pdf',
    size: 1,
    iv: blank,
    authTag: Buffer.alloc(16),
    ciphertext: blank,
  });
  const id = randomUUID();
  await db('advice_letters').insert({ id, referralId, documentId, employeeReview: false, issuedAt });
  return id;
}
