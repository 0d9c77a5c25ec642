import type { Knex } from 'knex';
import { User, type UserStatus } from '../models/user.ts';

/** The account registered to an email address, whatever its case, unless disabled. */
export async function findAccountByEmail(
  db: Knex,
  email: string,
): Promise<{ id: string; status: UserStatus } | undefined> {
  return User.query(db)
    .whereRaw('lower(email) = lower(?)', [email])
    .whereNot({ status: 'disabled' })
    .first()
    .select('id', 'status');
}

/** Usernames and emails are unique whatever their case (the users_*_lower indexes). */
export async function isUsernameTaken(db: Knex, username: string): Promise<boolean> {
  return (await User.query(db).whereRaw('lower(username) = lower(?)', [username]).first().select('id')) !== undefined;
}

export async function isEmailTaken(db: Knex, email: string): Promise<boolean> {
  return (await User.query(db).whereRaw('lower(email) = lower(?)', [email]).first().select('id')) !== undefined;
}

/** What an email to the user needs: where it goes and whom it greets. */
export async function findContact(
  db: Knex,
  userId: string,
): Promise<{ email: string; username: string; firstName: string; surname: string } | undefined> {
  return User.query(db).findById(userId).select('email', 'username', 'firstName', 'surname');
}
