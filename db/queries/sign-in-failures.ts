import type { Knex } from 'knex';

/** Wrong passwords in a row that lock an account (SPEC: three). */
export const MAX_FAILED_SIGN_INS = 3;
/**
 * How long an unknown username's count (and "lock") is remembered after its last
 * failure. A real account's count lasts until it signs in or is unlocked, so a
 * short memory would let a patient prober tell the two apart; three months is
 * longer than real counts and locks usually last, and still bounds the table.
 */
const UNKNOWN_USERNAME_MEMORY = '90 days';

/**
 * One more wrong password for a real account; returns the failures in a row so
 * far. One statement, so two wrong passwords at once cannot both see a count of 1;
 * the account locks (locked_at) when the count reaches the maximum.
 */
export async function countAccountFailure(db: Knex, userId: string): Promise<number> {
  const [row] = await db('users')
    .where({ id: userId })
    .update({
      failedLoginCount: db.raw('failed_login_count + 1'),
      lockedAt: db.raw('case when failed_login_count + 1 >= ? then now() else locked_at end', [MAX_FAILED_SIGN_INS]),
    })
    .returning(['failedLoginCount']);
  return row.failedLoginCount as number;
}

/**
 * One more wrong password for a username that has no account, counted the same
 * way so that it "locks" like a real one; returns the failures so far. Counts
 * older than the memory start again, and expired rows of other names are removed in
 * the same statement, so guessing cannot grow the table for ever.
 */
export async function countUnknownUsernameFailure(db: Knex, username: string): Promise<number> {
  const result = await db.raw(
    `with expired as (
       delete from sign_in_failures
       where last_failed_at < now() - interval '${UNKNOWN_USERNAME_MEMORY}' and username_key <> lower(:username)
     )
     insert into sign_in_failures as f (username_key, failure_count, last_failed_at)
     values (lower(:username), 1, now())
     on conflict (username_key) do update set
       failure_count = case when f.last_failed_at < now() - interval '${UNKNOWN_USERNAME_MEMORY}'
                            then 1 else f.failure_count + 1 end,
       last_failed_at = now()
     returning failure_count as failures`,
    { username },
  );
  return Number((result.rows as { failures: number }[])[0]!.failures);
}
