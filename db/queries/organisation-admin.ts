import type { Knex } from 'knex';
import { decodeCursor, type Page, type PageOptions, text, toPage, uuid } from './keyset.ts';

/**
 * The provider admin's Organisations pages: the list, one organisation with every
 * setting, and the edit that replaces them. Checking the values is api/admin/'s job
 * (with domain/organisations.ts); this module only reads and writes them.
 */
export type OrganisationRow = { id: string; code: string; name: string; isProvider: boolean; users: number };

/** Every organisation by name, with how many active members each has, a keyset page at a time. */
export async function listOrganisations(db: Knex, page: PageOptions): Promise<Page<OrganisationRow>> {
  const query = db('organisations as o')
    .select(
      'o.id',
      'o.code',
      'o.name',
      'o.isProvider',
      db.raw(
        "(SELECT count(*) FROM memberships m WHERE m.organisation_id = o.id AND m.status = 'active')::int AS users",
      ),
    )
    .orderBy(['o.name', 'o.id'])
    .limit(page.limit + 1);
  const after = decodeCursor(page.cursor, [text, uuid]);
  if (after) query.whereRaw('(o.name, o.id) > (?, ?::uuid)', after);
  const rows = (await query) as OrganisationRow[];
  return toPage(
    rows,
    page.limit,
    (o) => [o.name, o.id],
    (o) => o,
  );
}

/** The lists an organisation keeps by name. */
export const NAMED_LISTS = ['locations', 'divisions', 'departments'] as const;
export type NamedList = (typeof NAMED_LISTS)[number];

export type OrganisationSettings = {
  name: string;
  caseNumberPrefix: string;
  requiresApproval: boolean;
  requiresTwoFactor: boolean;
  slaTriageDays: number;
  slaFirstAppointmentDays: number;
  slaAdviceLetterDays: number;
  emailDomains: string[];
  locations: string[];
  divisions: string[];
  departments: string[];
  formKeys: string[];
  /** The questionnaire types its users may request (keys of questionnaire_types); left as they are when not given. */
  questionnaireTypeKeys?: string[] | undefined;
};

export type OrganisationDetail = OrganisationSettings & {
  id: string;
  code: string;
  isProvider: boolean;
  verificationCode: string;
};

export async function findOrganisationDetail(db: Knex, id: string): Promise<OrganisationDetail | undefined> {
  const org = await db('organisations')
    .where({ id })
    .first(
      'id',
      'code',
      'name',
      'isProvider',
      'verificationCode',
      'caseNumberPrefix',
      'requiresApproval',
      'requiresTwoFactor',
      'slaTriageDays',
      'slaFirstAppointmentDays',
      'slaAdviceLetterDays',
    );
  if (!org) return undefined;
  const names = (table: string) => db(table).where({ organisationId: id }).orderBy('name').pluck('name');
  return {
    ...org,
    emailDomains: await db('email_domains').where({ organisationId: id }).orderBy('domain').pluck('domain'),
    locations: await names('locations'),
    divisions: await names('divisions'),
    departments: await names('departments'),
    formKeys: await db('organisation_form_types as oft')
      .join('form_types as f', 'f.id', 'oft.formTypeId')
      .where('oft.organisationId', id)
      .orderBy('f.key')
      .pluck('f.key'),
    questionnaireTypeKeys: await db('organisation_questionnaire_types as oqt')
      .join('questionnaire_types as q', 'q.id', 'oqt.questionnaireTypeId')
      .where('oqt.organisationId', id)
      .orderBy('q.key')
      .pluck('q.key'),
  };
}

/** Every questionnaire type an organisation may be given, by name. */
export async function listAllQuestionnaireTypes(db: Knex): Promise<{ key: string; name: string }[]> {
  return db('questionnaire_types').orderBy('name').select('key', 'name');
}

/** Replaces the questionnaire types an organisation may request (questionnaires already requested keep theirs). */
export async function setQuestionnaireTypes(db: Knex, organisationId: string, keys: string[]): Promise<void> {
  await db('organisation_questionnaire_types').where({ organisationId }).delete();
  if (keys.length === 0) return;
  const types = await db('questionnaire_types').whereIn('key', keys).select('id');
  await db('organisation_questionnaire_types').insert(
    types.map((t: { id: string }) => ({ organisationId, questionnaireTypeId: t.id })),
  );
}

/** Every referral form an organisation may be given, by name. */
export async function listAllFormTypes(db: Knex): Promise<{ key: string; name: string }[]> {
  return db('form_types').orderBy('name').select('key', 'name');
}

/** Of these names of a list, those a member or a referral still refers to (they cannot be removed). */
export async function namesInUse(
  db: Knex,
  organisationId: string,
  list: NamedList,
  names: string[],
): Promise<string[]> {
  if (names.length === 0) return [];
  const column = { locations: 'location_id', divisions: 'division_id', departments: 'department_id' }[list];
  return db(`${list} as l`)
    .where('l.organisationId', organisationId)
    .whereIn('l.name', names)
    .where((w) =>
      w
        .whereExists(db('memberships as m').whereRaw(`m.${column} = l.id`))
        .orWhereExists(db('referrals as r').whereRaw(`r.${column} = l.id`)),
    )
    .orderBy('l.name')
    .pluck('l.name');
}

/** Of these form keys, those the organisation has referrals on (they stay enabled while it does). */
export async function formKeysInUse(db: Knex, organisationId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  return db('form_types as f')
    .whereIn('f.key', keys)
    .whereExists(db('referrals as r').whereRaw('r.form_type_id = f.id').where('r.organisationId', organisationId))
    .orderBy('f.key')
    .pluck('f.key');
}

/** Another organisation's code or prefix clash is the database's unique index's to catch; this writes the settings. */
export async function updateOrganisationSettings(
  db: Knex,
  id: string,
  before: OrganisationSettings,
  after: OrganisationSettings,
): Promise<void> {
  await db('organisations').where({ id }).update({
    name: after.name,
    caseNumberPrefix: after.caseNumberPrefix,
    requiresApproval: after.requiresApproval,
    requiresTwoFactor: after.requiresTwoFactor,
    slaTriageDays: after.slaTriageDays,
    slaFirstAppointmentDays: after.slaFirstAppointmentDays,
    slaAdviceLetterDays: after.slaAdviceLetterDays,
    updatedAt: new Date(),
  });
  const removed = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  const domainsGone = removed(before.emailDomains, after.emailDomains);
  if (domainsGone.length)
    await db('email_domains').where({ organisationId: id }).whereIn('domain', domainsGone).delete();
  const domainsNew = removed(after.emailDomains, before.emailDomains);
  if (domainsNew.length) await db('email_domains').insert(domainsNew.map((domain) => ({ organisationId: id, domain })));
  for (const list of NAMED_LISTS) {
    const gone = removed(before[list], after[list]);
    if (gone.length) await db(list).where({ organisationId: id }).whereIn('name', gone).delete();
    const added = removed(after[list], before[list]);
    if (added.length) await db(list).insert(added.map((name) => ({ organisationId: id, name })));
  }
  const formsGone = removed(before.formKeys, after.formKeys);
  if (formsGone.length) {
    await db('organisation_form_types')
      .where({ organisationId: id })
      .whereIn('formTypeId', db('form_types').whereIn('key', formsGone).select('id'))
      .delete();
  }
  const formsNew = removed(after.formKeys, before.formKeys);
  if (formsNew.length) {
    const forms = await db('form_types').whereIn('key', formsNew).select('id');
    await db('organisation_form_types').insert(
      forms.map((f: { id: string }) => ({ organisationId: id, formTypeId: f.id })),
    );
  }
}

export async function setVerificationCode(db: Knex, id: string, code: string): Promise<void> {
  await db('organisations').where({ id }).update({ verificationCode: code, updatedAt: new Date() });
}

/** Holds the organisation's row for the transaction (edits one at a time); undefined when there is none. */
export async function lockOrganisationForEdit(db: Knex, id: string): Promise<{ id: string } | undefined> {
  return db('organisations').where({ id }).forUpdate().first('id');
}

/** A new organisation's service levels (the operator's command leaves the defaults). */
export async function updateServiceLevels(
  db: Knex,
  id: string,
  levels: Pick<OrganisationSettings, 'slaTriageDays' | 'slaFirstAppointmentDays' | 'slaAdviceLetterDays'>,
): Promise<void> {
  await db('organisations').where({ id }).update({
    slaTriageDays: levels.slaTriageDays,
    slaFirstAppointmentDays: levels.slaFirstAppointmentDays,
    slaAdviceLetterDays: levels.slaAdviceLetterDays,
  });
}
