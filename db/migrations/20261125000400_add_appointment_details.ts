import type { Knex } from 'knex';

// How an appointment is held (domain/appointments.ts) and where: an address face to face, a link for a video
// call, nothing by telephone. Evidence requests have neither. Appointments booked before this have no type.
// The keys are written out, not imported: a migration records the schema as it was.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_actions', (t) => {
    t.text('appointment_type');
    t.text('place');
  });
  // Constants, not input: DDL takes no bound parameters.
  await knex.raw(`ALTER TABLE case_actions ADD CONSTRAINT case_actions_appointment_details CHECK (
    (appointment_type IS NULL AND place IS NULL)
    OR (kind = 'appointment' AND appointment_type = 'telephone' AND place IS NULL)
    OR (kind = 'appointment' AND appointment_type IN ('video', 'face_to_face') AND place IS NOT NULL)
  )`);
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the columns drops their check constraint with them.
  await knex.schema.alterTable('case_actions', (t) => {
    t.dropColumn('appointment_type');
    t.dropColumn('place');
  });
}
